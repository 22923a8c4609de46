using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Storage.Tables;

/// <summary>Runs the pipeline on state kept in Table storage: load what the run touches, run, commit every change and
/// the run's outbox entry in one entity group transaction, start over on a conflict.</summary>
/// <remarks>
/// <para>A run is a pure function of the state it reads (<see cref="MentionPipeline"/>), so it is simply run again:
/// first until every row it touches is loaded (<see cref="StagedPipelineState.Missing"/>), and again from fresh reads
/// whenever the commit meets a conflict (another invocation changed a row in between). Nothing is written unless all
/// of it is.</para>
/// <para>The effects go into an outbox row (<see cref="PipelineTableEntity.OutboxRow"/>, keyed by the caller's run key:
/// the delivery's idempotency key, a case's wake-up) in the same transaction. The caller executes them and then
/// deletes the row (<see cref="ReadOutboxAsync"/>, <see cref="CompleteOutboxAsync"/>). A redelivered run finds the
/// state already changed (a duplicate, a superseded wake-up) and produces nothing new, but finds the outbox row of
/// the first attempt if its effects were not confirmed: effects are executed at least once.</para>
/// </remarks>
public static class PipelineTableStore
{
    /// <summary>The attempts <see cref="RunAsync{T}"/> makes by default before giving up on conflicts.</summary>
    public const int DefaultMaxAttempts = 20;

    /// <summary>The most load-and-rerun rounds one attempt may take (a run that keeps finding rows is a bug).</summary>
    public const int MaxLoadRounds = 64;

    /// <summary>How long an outbox row is left to the run that wrote it before a sweep executes it
    /// (<see cref="PipelineTableEntity.StaleOutboxFilter"/>): longer than a run's own drain takes; executing an entry
    /// twice is harmless (KPI merges count once, alerts are deduplicated by id, timer updates are idempotent).</summary>
    public static readonly NodaTime.Duration SweepAfter = NodaTime.Duration.FromMinutes(2);

    /// <summary>Runs <paramref name="step"/> against the platform's partition until its changes commit.</summary>
    /// <param name="table">The table.</param>
    /// <param name="platform">The platform whose partition the run works in.</param>
    /// <param name="policy">The SLA policy (stored cases derive their terms from it).</param>
    /// <param name="runKey">Names the run's outbox row: the same for a retried run.</param>
    /// <param name="step">The run; called several times, so it must not execute anything itself.</param>
    /// <param name="maxAttempts">Commit attempts before <see cref="TableConcurrencyException"/>.</param>
    /// <param name="cancellationToken">Cancels the reads and the commit.</param>
    /// <returns>The last run's result and the number of conflicts met.</returns>
    /// <exception cref="TableConcurrencyException">Every attempt met a conflict; nothing was written.</exception>
    /// <exception cref="TableLimitException">The run's changes exceed one transaction or one entity.</exception>
    public static async Task<(T Result, int Conflicts)> RunAsync<T>(ITableTransactionPort table, Platform platform, SlaPolicy policy,
        string runKey, Func<IPipelineState, PipelineStep<T>> step, int maxAttempts = DefaultMaxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrEmpty(runKey);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var outboxRow = PipelineTableEntity.OutboxRow(runKey);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var state = new StagedPipelineState(platform, policy);
            PipelineStep<T> run = default;
            for (var round = 0; ; round++)
            {
                if (round >= MaxLoadRounds) throw new InvalidOperationException($"A pipeline run kept touching new rows after {MaxLoadRounds} rounds.");
                state.Discard();
                run = step(state);
                var effects = PipelineEffects.Of(run.Commands);
                if (!effects.IsEmpty) state.Stage(outboxRow, null); // marks the outbox row to be loaded
                if (state.Missing.Count == 0)
                {
                    if (!effects.IsEmpty) state.Stage(outboxRow, OutboxProperties(state.LoadedProperties(outboxRow), effects));
                    break;
                }
                foreach (var row in state.Missing.ToArray())
                    state.Load(row, await table.GetAsync(state.PartitionKey, row, cancellationToken).ConfigureAwait(false));
            }
            var changes = state.Changes();
            if (changes.Count > ITableTransactionPort.MaxChanges)
                throw new TableLimitException($"A pipeline run changes {changes.Count} entities; one transaction takes at most {ITableTransactionPort.MaxChanges}.");
            if (changes.Count == 0) return (run.Result, attempt);
            var outcome = await table.SubmitAsync(state.PartitionKey, changes, cancellationToken).ConfigureAwait(false);
            if (outcome == TableWriteOutcome.Written) return (run.Result, attempt);
        }
        throw new TableConcurrencyException($"The pipeline state of {platform.ToWireName()} changed under each of {maxAttempts} attempts of run {runKey}.");
    }

    /// <summary>The effects a run committed and nobody confirmed yet, or <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The outbox row is not stored effects.</exception>
    public static async Task<PendingEffects?> ReadOutboxAsync(ITableEntityPort table, Platform platform, string runKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var partition = PipelineTableEntity.PartitionKey(platform);
        var row = PipelineTableEntity.OutboxRow(runKey);
        var entity = await table.GetAsync(partition, row, cancellationToken).ConfigureAwait(false);
        if (entity is null || entity.Properties.Count == 0) return null;
        var effects = PipelineEffectsJson.Read(PipelineTableEntity.ReadChunkedText(entity.Properties));
        return new PendingEffects(partition, row, entity.ETag ?? throw new InvalidOperationException("The table returned an outbox row without an ETag."), effects);
    }

    /// <summary>Deletes an outbox row after its effects were executed, if nobody changed it since it was read.</summary>
    /// <returns><see langword="false"/> when it changed or is gone (another invocation executed or extended it).</returns>
    public static async Task<bool> CompleteOutboxAsync(ITableTransactionPort table, PendingEffects pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(pending);
        var outcome = await table.SubmitAsync(pending.PartitionKey,
            [new TableChange(TableChangeKind.Delete, pending.RowKey, new Dictionary<string, object>(StringComparer.Ordinal), pending.ETag)],
            cancellationToken).ConfigureAwait(false);
        return outcome == TableWriteOutcome.Written;
    }

    private static Dictionary<string, object> OutboxProperties(IReadOnlyDictionary<string, object?>? pending, PipelineEffects effects)
    {
        if (pending is not null)
        {
            // Effects of an earlier run under the same key were not confirmed yet: keep them.
            var earlier = PipelineEffectsJson.Read(PipelineTableEntity.ReadChunkedText(pending));
            effects = new PipelineEffects([.. earlier.Kpis, .. effects.Kpis], [.. earlier.Alerts, .. effects.Alerts], [.. earlier.Clocks, .. effects.Clocks]);
        }
        return PipelineTableEntity.ChunkedText(PipelineEffectsJson.ToJson(effects));
    }
}
