using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using NodaTime.Text;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Storage;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions.Triggers;

/// <summary><c>GET /api/kpis?account=&amp;from=&amp;to=</c>: the KPI rows of one account's days in [from, to), merged
/// into a total and listed per row. Requires a function key (AuthorizationLevel.Function) or, with App Service
/// authentication turned on for the app, an Entra ID token.</summary>
public sealed class KpiApi(KpiTable kpis)
{
    [Function("Kpis")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis")] HttpRequest request)
    {
        if (!PlatformAccountId.TryParse(request.Query["account"].FirstOrDefault(), out var account))
            return new BadRequestObjectResult(new { error = "account must be platform:account" });
        var from = InstantPattern.ExtendedIso.Parse(request.Query["from"].FirstOrDefault() ?? "");
        var to = InstantPattern.ExtendedIso.Parse(request.Query["to"].FirstOrDefault() ?? "");
        if (!from.Success || !to.Success) return new BadRequestObjectResult(new { error = "from and to must be ISO-8601 instants" });
        var total = new KpiAggregate();
        var rows = new List<object>();
        await foreach (var entity in kpis.Port.QueryAsync(KpiTableEntity.DayRangeFilter(account, from.Value, to.Value), request.HttpContext.RequestAborted))
        {
            var aggregate = KpiTableEntity.ToAggregate(entity.Properties);
            total.Merge(aggregate);
            var key = KpiTableEntity.KeyOf(entity.PartitionKey, entity.RowKey);
            rows.Add(new { hour = InstantPattern.ExtendedIso.Format(key.Hour), channel = key.Channel.ToWireName(), priority = KpiTableEntity.PriorityName(key.Priority),
                values = System.Text.Json.JsonDocument.Parse(KpiAggregateJson.ToUtf8(aggregate)).RootElement });
        }
        return new JsonResult(new { account = account.ToString(), total = System.Text.Json.JsonDocument.Parse(KpiAggregateJson.ToUtf8(total)).RootElement, rows });
    }
}
