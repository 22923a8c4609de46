using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions.Triggers;

/// <summary><c>GET /api/alerts</c> and <c>POST /api/alerts/{id}/ack</c>, as the Standalone server answers them, over the
/// alert table (<see cref="AlertTableEntity"/>; acknowledging twice keeps the first acknowledgement). Alert ids contain
/// <c>/</c>: the route takes the rest of the path. Function keys, and Entra ID with App Service authentication.</summary>
/// <remarks>Delivery state per sink (the Standalone's <c>pending</c>/<c>failed</c> filters and <c>/retry</c>) is Service
/// Bus's here: failed deliveries are in the <c>dispatch</c> subscription's dead-letter queue.</remarks>
public sealed class AlertApi(AlertTable alerts)
{
    [Function("Alerts")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "alerts")] HttpRequest request)
    {
        if (!AlertListFilters.TryParse(request.Query["status"].FirstOrDefault(), out var status))
            return CaseApi.Error(400, "status must be all, unacknowledged or acknowledged");
        var account = request.Query["account"].FirstOrDefault();
        var take = AlertListFilters.Limit(int.TryParse(request.Query["limit"].FirstOrDefault(), out var limit) ? limit : null);
        var filter = $"PartitionKey eq '{AlertTableEntity.Partition}'" + (account is null ? "" : $" and {AlertTableEntity.AccountProperty} eq {TableEntityJson.Quote(account)}");
        var rows = new List<(DateTimeOffset RaisedAt, object Row)>();
        await foreach (var entity in alerts.Port.QueryAsync(filter, request.HttpContext.RequestAborted))
        {
            var acknowledged = AlertTableEntity.Acknowledgement(entity.Properties);
            if (!status.Matches(acknowledged is not null)) continue;
            rows.Add(((DateTimeOffset)entity.Properties[AlertTableEntity.RaisedAtProperty]!, Row(entity.Properties, acknowledged)));
        }
        return new JsonResult(new { alerts = rows.OrderByDescending(r => r.RaisedAt).Take(take).Select(r => r.Row) });
    }

    [Function("AcknowledgeAlert")]
    public async Task<IActionResult> Acknowledge([HttpTrigger(AuthorizationLevel.Function, "post", Route = "alerts/{*path}")] HttpRequest request, string path)
    {
        const string suffix = "/ack";
        if (!path.EndsWith(suffix, StringComparison.Ordinal)) return CaseApi.Error(404, "no such route (POST /api/alerts/{id}/ack)");
        var id = path[..^suffix.Length];
        var acknowledged = await AlertTableEntity.AcknowledgeAsync(alerts.Port, id, CaseApi.Caller(request),
            Instant.FromDateTimeOffset(DateTimeOffset.UtcNow), cancellationToken: request.HttpContext.RequestAborted);
        return acknowledged is { } ack
            ? new JsonResult(new { alert = id, acknowledgedAt = InstantPattern.ExtendedIso.Format(ack.At), acknowledgedBy = ack.By })
            : CaseApi.Error(404, $"no alert '{id}'");
    }

    private static object Row(IReadOnlyDictionary<string, object?> properties, (Instant At, string By)? acknowledged) => new
    {
        alert = JsonDocument.Parse((string)properties[AlertTableEntity.AlertProperty]!).RootElement,
        acknowledgedAt = acknowledged is { } a ? InstantPattern.ExtendedIso.Format(a.At) : null,
        acknowledgedBy = acknowledged?.By,
    };
}
