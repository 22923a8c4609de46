using System.Text;
using Microsoft.Extensions.Logging;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Functions.Adapters;

/// <summary>Executes the effects a pipeline run committed to its outbox (<see cref="PipelineTableStore"/>): KPI deltas
/// merged with Core's ETag loop, alerts recorded in the alert table and published to <c>sla-alerts</c>, timer updates
/// handed to the caller; then the outbox entry is deleted. Decides nothing.</summary>
/// <remarks>A crash after a KPI merge and before the outbox entry is deleted drains the entry again on the redelivery:
/// the KPI merge skips what it already applied (<see cref="KpiMergeOnce"/>: an applied marker written with the entity),
/// alerts are deduplicated by id (the alert table insert and the topic's duplicate detection), and timer updates are
/// idempotent (the orchestration keeps the latest wake-up).</remarks>
public sealed class EffectsRunner(KpiTable kpis, AlertTable alertTable, AlertTopic topic, ILogger<EffectsRunner> log)
{
    /// <summary>Executes the pending effects of a run, if any, and confirms them.</summary>
    public Task DrainAsync(PipelineTable pipeline, Platform platform, string runKey, Func<CaseClockUpdate, Task> clock, CancellationToken cancellationToken) =>
        DrainAsync(pipeline, [(platform, runKey)], clock, cancellationToken);

    /// <summary>Executes the pending effects of several runs as one (<see cref="PipelineEffects.Combine"/>: each KPI
    /// entity merged once per invocation) and confirms each run's outbox entry.</summary>
    /// <param name="pipeline">The pipeline table.</param>
    /// <param name="runs">Each run's partition and key (its outbox row).</param>
    /// <param name="clock">Executes a case's timer update (starts or signals its orchestration).</param>
    /// <param name="cancellationToken">Cancels the I/O.</param>
    public async Task DrainAsync(PipelineTable pipeline, IReadOnlyList<(Platform Platform, string RunKey)> runs, Func<CaseClockUpdate, Task> clock,
        CancellationToken cancellationToken)
    {
        var pending = new List<PendingEffects>(runs.Count);
        foreach (var (platform, runKey) in runs)
            if (await PipelineTableStore.ReadOutboxAsync(pipeline.Port, platform, runKey, cancellationToken) is { } entry) pending.Add(entry);
        var effects = PipelineEffects.Combine(pending.Select(p => p.Effects));
        var contributions = KpiMergeOnce.Group(pending);
        var conflicts = 0;
        foreach (var (key, entries) in contributions)
            conflicts += await KpiMergeOnce.MergeAsync(kpis.Port, key, entries, cancellationToken: cancellationToken);
        foreach (var alert in effects.Alerts)
        {
            var id = alert.Id.ToString();
            var address = AlertTableEntity.AddressOf(id);
            // A conflict means the alert was recorded by an earlier attempt: nothing to do.
            await alertTable.Port.InsertAsync(address.PartitionKey, address.RowKey, AlertTableEntity.ToProperties(alert), cancellationToken);
            await topic.PublishAsync(MessageIds.Fit(id), Encoding.UTF8.GetString(SlaAlertJson.ToUtf8(alert)), cancellationToken);
        }
        foreach (var update in effects.Clocks) await clock(update);
        var completed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in pending)
            if (await PipelineTableStore.CompleteOutboxAsync(pipeline.Port, entry, cancellationToken)) completed.Add(KpiMergeOnce.EntryId(entry));
        foreach (var (key, entries) in contributions)
            await KpiMergeOnce.ForgetAsync(kpis.Port, key, entries.Select(e => e.Entry).Where(completed.Contains), cancellationToken);
        if (conflicts > 0) Log.KpiMergeRetried(log, conflicts);
    }
}
