using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Kpis;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/kpis?account=&amp;from=&amp;to=&amp;granularity=day|hour&amp;dimension=channel|priority|account</c>:
/// the KPI aggregates of the hours in [from, to) merged into a total and into buckets per day or hour (and per value
/// of the dimension, when one is asked for). Hours are UTC; a case counts in the hour it opened.</summary>
internal static class KpiEndpoints
{
    public static void MapKpiEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/kpis", Get);

    private static IResult Get(SqliteDatabase database, string? account, string? from, string? to, string? granularity, string? dimension)
    {
        Instant? start = null, end = null;
        if (from is not null)
        {
            if (!ApiTime.TryParse(from, out start)) return ApiResults.Error(StatusCodes.Status400BadRequest, "from must be an ISO-8601 instant or date");
        }
        if (to is not null)
        {
            if (!ApiTime.TryParse(to, out end)) return ApiResults.Error(StatusCodes.Status400BadRequest, "to must be an ISO-8601 instant or date");
        }
        if (start is { } s && end is { } e && e < s) return ApiResults.Error(StatusCodes.Status400BadRequest, "to must not be before from");
        var byDay = (granularity ?? "day") switch { "day" => (bool?)true, "hour" => false, _ => null };
        if (byDay is null) return ApiResults.Error(StatusCodes.Status400BadRequest, "granularity must be day or hour");
        if (dimension is not (null or "channel" or "priority" or "account"))
            return ApiResults.Error(StatusCodes.Status400BadRequest, "dimension must be channel, priority or account");

        var total = new KpiAggregate();
        var buckets = new SortedDictionary<(long Start, string Key), KpiAggregate>();
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            var conditions = new List<string>();
            if (account is not null)
            {
                conditions.Add("account = $account");
                command.Parameters.AddWithValue("$account", account);
            }
            if (start is { } fromInstant)
            {
                conditions.Add("hour >= $from");
                command.Parameters.AddWithValue("$from", (long)Math.Ceiling((fromInstant - NodaConstants.UnixEpoch).TotalHours));
            }
            if (end is { } toInstant)
            {
                conditions.Add("hour < $to");
                command.Parameters.AddWithValue("$to", (long)Math.Ceiling((toInstant - NodaConstants.UnixEpoch).TotalHours));
            }
            command.CommandText = "SELECT account, channel, priority, hour, data FROM kpis" + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var aggregate = KpiAggregateJson.Read((byte[])reader[4]);
                total.Merge(aggregate);
                var hour = reader.GetInt64(3);
                var bucketStart = byDay.Value ? hour - ((hour % 24) + 24) % 24 : hour;
                var key = dimension switch
                {
                    "channel" => ((Channel)reader.GetInt32(1)).ToWireName(),
                    "priority" => ((Priority)reader.GetInt32(2)).ToString().ToLowerInvariant(),
                    "account" => reader.GetString(0),
                    _ => "",
                };
                if (!buckets.TryGetValue((bucketStart, key), out var bucket)) buckets[(bucketStart, key)] = bucket = new KpiAggregate();
                bucket.Merge(aggregate);
            }
        }
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            if (account is not null) json.WriteString("account", account);
            if (start is { } a) json.WriteString("from", ApiTime.Format(a));
            if (end is { } b) json.WriteString("to", ApiTime.Format(b));
            json.WriteString("granularity", byDay.Value ? "day" : "hour");
            if (dimension is not null) json.WriteString("dimension", dimension);
            json.WriteStartObject("total");
            KpiJsonWriter.WriteFields(json, total);
            json.WriteBoolean("veryResponsive", KpiSummary.Of(total).VeryResponsive);
            json.WriteEndObject();
            json.WriteStartArray("buckets");
            foreach (var ((bucketStart, key), aggregate) in buckets)
            {
                json.WriteStartObject();
                json.WriteString("start", ApiTime.Format(NodaConstants.UnixEpoch + Duration.FromHours(bucketStart)));
                if (dimension is not null) json.WriteString(dimension, key);
                KpiJsonWriter.WriteFields(json, aggregate);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
