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
/// <remarks>At least once: a crash after a KPI merge and before the outbox entry is deleted merges that delta again on
/// the redelivery (alerts are deduplicated by id: the alert table insert and the topic's duplicate detection).</remarks>
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
        var conflicts = 0;
        foreach (var (key, delta) in effects.Kpis)
            conflicts += await OptimisticMerge.MergeAsync(kpis.Port, KpiTableEntity.AddressOf(key), stored => KpiTableEntity.Merge(stored, key, delta),
                cancellationToken: cancellationToken);
        foreach (var alert in effects.Alerts)
        {
            var id = alert.Id.ToString();
            var address = AlertTableEntity.AddressOf(id);
            // A conflict means the alert was recorded by an earlier attempt: nothing to do.
            await alertTable.Port.InsertAsync(address.PartitionKey, address.RowKey, AlertTableEntity.ToProperties(alert), cancellationToken);
            await topic.PublishAsync(MessageIds.Fit(id), Encoding.UTF8.GetString(SlaAlertJson.ToUtf8(alert)), cancellationToken);
        }
        foreach (var update in effects.Clocks) await clock(update);
        foreach (var entry in pending) await PipelineTableStore.CompleteOutboxAsync(pipeline.Port, entry, cancellationToken);
        if (conflicts > 0) Log.KpiMergeRetried(log, conflicts);
    }
}
