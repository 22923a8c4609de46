using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NodaTime;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;
using SocialSla.Functions.Orchestrations;

namespace SocialSla.Functions.Triggers;

/// <summary>Every five minutes: executes the outbox rows that stayed unconfirmed longer than
/// <see cref="PipelineTableStore.SweepAfter"/> (Core's <see cref="PipelineTableEntity.StaleOutboxFilter"/>): effects of
/// a run whose own drain failed after its commit and that nothing redelivers — a resolve whose caller went away, an
/// activity that died after the commit. A Service Bus redelivery would drain a mention's row too; the sweep makes it
/// not depend on one.</summary>
public sealed class OutboxSweep(PipelineTable pipeline, EffectsRunner effects, ILogger<OutboxSweep> log)
{
    [Function(nameof(OutboxSweep))]
    public async Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var before = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow) - PipelineTableStore.SweepAfter;
        var runs = 0;
        await foreach (var row in pipeline.Port.QueryAsync(PipelineTableEntity.StaleOutboxFilter(before), cancellationToken))
        {
            var (platform, runKey) = PipelineTableEntity.OutboxOf(row.PartitionKey, row.RowKey);
            await effects.DrainAsync(pipeline, platform, runKey, update => CaseOrchestrator.SignalAsync(client, update, cancellationToken), cancellationToken);
            runs++;
        }
        if (runs > 0) Log.OutboxSwept(log, runs);
    }
}
