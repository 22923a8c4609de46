using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Kpis;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/kpis?account=&amp;from=&amp;to=&amp;granularity=day|hour&amp;dimension=channel|priority|account|queue|tag</c>:
/// the KPI aggregates of the hours in [from, to) merged into a total and into buckets per day or hour (and per value
/// of the dimension, when one is asked for). Hours are UTC; a case counts in the hour it opened. <c>GET /api/kpis.csv</c>
/// takes the same parameters and answers the total and the buckets as CSV rows. The JSON also has <c>spikes</c>: each
/// account's channel's current mention rate and negative share against its baseline for this hour of the week.</summary>
internal static class KpiEndpoints
{
    public static void MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpis", Get);
        app.MapGet("/api/kpis.csv", Csv);
    }

    private static IResult Get(SqliteDatabase database, PipelineEngine engine, string? account, string? from, string? to, string? granularity, string? dimension)
    {
        if (!TryParse(from, to, granularity, dimension, out var start, out var end, out var byDay, out var error)) return error!;
        var table = Load(database, account, start, end, byDay, dimension);
        // The spike streams now (whatever from and to say): each account's channel against its hour-of-week baseline.
        var spikes = engine.Spikes;
        var streams = spikes.Streams.Where(s => account is null || s.Stream.Account.ToString() == account);
        return new JsonBody(json => table.WriteJson(json, account, start, end, more => SpikeJsonWriter.Write(more, spikes.At, streams)));
    }

    private static IResult Csv(SqliteDatabase database, string? account, string? from, string? to, string? granularity, string? dimension)
    {
        if (!TryParse(from, to, granularity, dimension, out var start, out var end, out var byDay, out var error)) return error!;
        var table = Load(database, account, start, end, byDay, dimension);
        var rows = new List<IReadOnlyList<string>> { CsvRow("total", "", table.Total) };
        foreach (var ((startHour, key), aggregate) in table.Buckets) rows.Add(CsvRow(ApiTime.Format(KpiBuckets.StartOf(startHour)), key, aggregate));
        return new CsvBody("kpis.csv", CsvColumns, rows);
    }

    /// <summary>The columns of <c>GET /api/kpis.csv</c>: one row for the total (<c>bucket</c> = <c>total</c>), then one
    /// per bucket (<c>bucket</c> = its start); <c>key</c> is the dimension's value; empty cells have no value.</summary>
    internal static readonly string[] CsvColumns =
    [
        "bucket", "key", "cases", "answered", "responseRate", "resolved", "reopened", "firstReplyCount", "firstReplyMeanSeconds",
        "firstReplyP50Seconds", "firstReplyP90Seconds", "firstReplyP95Seconds", "firstReplyWithin15m", "firstReplyWithin1h",
        "responseCount", "responseMeanSeconds", "resolutionCount", "resolutionMeanSeconds", "firstReplyAtRisk", "firstReplyBreached",
        "nextReplyBreached", "resolutionBreached", "mentions", "customerMessages", "brandMessages", "veryResponsive",
    ];

    private static string[] CsvRow(string bucket, string key, KpiAggregate aggregate)
    {
        var s = KpiSummary.Of(aggregate);
        return
        [
            bucket, CsvBody.Text(key), CsvBody.Number(s.Cases), CsvBody.Number(s.Answered), CsvBody.Number(s.ResponseRate, 6), CsvBody.Number(aggregate.CasesResolved),
            CsvBody.Number(aggregate.CasesReopened), CsvBody.Number(s.FirstReplyCount), CsvBody.Number(s.FirstReplyMeanSeconds), CsvBody.Number(s.FirstReplyP50Seconds),
            CsvBody.Number(s.FirstReplyP90Seconds), CsvBody.Number(s.FirstReplyP95Seconds), CsvBody.Number(s.FirstReplyWithin15m, 6), CsvBody.Number(s.FirstReplyWithin1h, 6),
            CsvBody.Number(s.ResponseCount), CsvBody.Number(s.ResponseMeanSeconds), CsvBody.Number(s.ResolutionCount), CsvBody.Number(s.ResolutionMeanSeconds),
            CsvBody.Number(aggregate.AlertCount(ClockKind.FirstReply, ThresholdLevel.AtRisk)), CsvBody.Number(aggregate.AlertCount(ClockKind.FirstReply, ThresholdLevel.Breached)),
            CsvBody.Number(aggregate.AlertCount(ClockKind.NextReply, ThresholdLevel.Breached)), CsvBody.Number(aggregate.AlertCount(ClockKind.Resolution, ThresholdLevel.Breached)),
            CsvBody.Number(aggregate.Mentions), CsvBody.Number(aggregate.CustomerMessages), CsvBody.Number(aggregate.BrandMessages), s.VeryResponsive ? "true" : "false",
        ];
    }

    private static bool TryParse(string? from, string? to, string? granularity, string? dimension, out Instant? start, out Instant? end, out bool byDay, out IResult? error)
    {
        (start, end, byDay, error) = (null, null, true, null);
        if (from is not null && !ApiTime.TryParse(from, out start)) error = ApiResults.Error(StatusCodes.Status400BadRequest, "from must be an ISO-8601 instant or date");
        else if (to is not null && !ApiTime.TryParse(to, out end)) error = ApiResults.Error(StatusCodes.Status400BadRequest, "to must be an ISO-8601 instant or date");
        else if (start is { } s && end is { } e && e < s) error = ApiResults.Error(StatusCodes.Status400BadRequest, "to must not be before from");
        else if (granularity is not (null or "day" or "hour")) error = ApiResults.Error(StatusCodes.Status400BadRequest, "granularity must be day or hour");
        else if (dimension is not null && Array.IndexOf(KpiBuckets.Dimensions, dimension) < 0)
            error = ApiResults.Error(StatusCodes.Status400BadRequest, "dimension must be channel, priority, account, queue or tag");
        byDay = granularity != "hour";
        return error is null;
    }

    private static KpiBuckets Load(SqliteDatabase database, string? account, Instant? start, Instant? end, bool byDay, string? dimension)
    {
        var table = new KpiBuckets(byDay, dimension);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
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
        command.CommandText = "SELECT account, channel, priority, queue, tags, hour, data FROM kpis" + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            table.Add(reader.GetString(0), (Channel)reader.GetInt32(1), (Priority)reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), KpiAggregateJson.Read((byte[])reader[6]));
        }
        return table;
    }
}
