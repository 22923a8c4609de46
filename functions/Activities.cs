using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SocialSla.Core.Cases;
using SocialSla.Core.Storage;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions;

/// <summary>The case orchestration's activities: I/O only.</summary>
public sealed class Activities(KpiTable kpis, AlertTopic alerts, ILogger<Activities> log)
{
    /// <summary>Publishes an alert to the <c>sla-alerts</c> topic (MessageId = alert id: a retried activity is deduplicated).</summary>
    [Function(nameof(SendAlert))]
    public Task SendAlert([ActivityTrigger] AlertMessage alert) =>
        alerts.PublishAsync(MessageIds.Fit(alert.Id), alert.Json, CancellationToken.None);

    /// <summary>Merges coalesced KPI deltas into their entities with Core's ETag loop (read, merge, If-Match, retry).</summary>
    [Function(nameof(RecordKpis))]
    public async Task RecordKpis([ActivityTrigger] List<KpiWrite> writes)
    {
        var conflicts = 0;
        foreach (var write in writes)
        {
            var key = KpiTableEntity.KeyOf(write.PartitionKey, write.RowKey);
            var delta = KpiAggregateJson.Read(Encoding.UTF8.GetBytes(write.DeltaJson));
            conflicts += await OptimisticMerge.MergeAsync(kpis.Port, new TableEntityAddress(write.PartitionKey, write.RowKey),
                stored => KpiTableEntity.Merge(stored, key, delta), cancellationToken: CancellationToken.None);
        }
        if (conflicts > 0) log.LogInformation("KPI merge retried {Conflicts} times after ETag conflicts", conflicts);
    }
}
