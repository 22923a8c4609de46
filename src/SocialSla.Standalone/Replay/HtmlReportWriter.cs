using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Kpis;
using SocialSla.Standalone.Kpis;
using SocialSla.Standalone.Server.Board;

namespace SocialSla.Standalone.Replay;

/// <summary>Writes the KPI view of a replay as one self-contained HTML file: the board's page, style and script
/// inlined, and the data embedded as JSON (<c>&lt;script type="application/json" id="report-data"&gt;</c>).</summary>
/// <remarks>
/// <para>The data holds <c>replay</c> (exactly <c>replay --json</c>'s object), <c>day</c> (the <c>GET /api/kpis</c>
/// document by day, under <c>none</c> and under each dimension), <c>hour</c> (by hour, for the heatmap) and
/// <c>lastWeek</c> (the seven days up to the last hour with data, for the "very responsive" meter).</para>
/// <para>The page's content policy allows no network at all: it opens and works offline.</para>
/// </remarks>
internal static class HtmlReportWriter
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

    /// <summary>The whole HTML file for <paramref name="result"/> (which must keep its hourly aggregates).</summary>
    /// <exception cref="ArgumentException">The replay kept no hourly aggregates.</exception>
    public static string Write(ReplayResult result, string source)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ByHour is null) throw new ArgumentException("The replay must keep its hourly aggregates (hourly: true).", nameof(result));
        var page = BoardAssets.Text("index.html")
            .Replace("<title>SocialSla board</title>", $"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">\n<title>SocialSla report – {Html(source)}</title>", StringComparison.Ordinal)
            .Replace("<link rel=\"stylesheet\" href=\"board/board.css\">", "<style>\n" + BoardAssets.Text("board.css") + "</style>", StringComparison.Ordinal)
            .Replace("<script src=\"board/board.js\"></script>",
                "<script type=\"application/json\" id=\"report-data\">" + Data(result, source) + "</script>\n<script>\n" + BoardAssets.Text("board.js") + "</script>", StringComparison.Ordinal);
        return page;
    }

    /// <summary>The embedded data, as JSON safe inside a script element (<c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> escaped).</summary>
    internal static string Data(ReplayResult result, string source)
    {
        var hours = result.ByHour!;
        var lastHour = hours.Count == 0 ? 0 : hours.Keys.Max(k => HourIndex(k.Hour));
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WritePropertyName("replay");
            using (var replay = new MemoryStream())
            {
                ReplayReportWriter.WriteJson(replay, result);
                using var document = JsonDocument.Parse(replay.ToArray());
                document.RootElement.WriteTo(json);
            }
            json.WriteStartObject("day");
            foreach (var dimension in new string?[] { null }.Concat(KpiBuckets.Dimensions))
            {
                json.WritePropertyName(dimension ?? "none");
                Buckets(hours, true, dimension, 0).WriteJson(json, null, null, null);
            }
            json.WriteEndObject();
            json.WritePropertyName("hour");
            Buckets(hours, false, null, 0).WriteJson(json, null, null, null);
            json.WritePropertyName("lastWeek");
            var weekStart = lastHour + 1 - 7 * 24;
            Buckets(hours, true, null, weekStart).WriteJson(json, null, KpiBuckets.StartOf(weekStart), KpiBuckets.StartOf(lastHour + 1));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static KpiBuckets Buckets(IReadOnlyDictionary<KpiKey, KpiAggregate> hours, bool byDay, string? dimension, long fromHour)
    {
        var buckets = new KpiBuckets(byDay, dimension);
        foreach (var (key, aggregate) in hours)
        {
            var hour = HourIndex(key.Hour);
            if (hour >= fromHour) buckets.Add(key.Account.ToString(), key.Channel, key.Priority, key.Queue ?? "", key.Tags ?? "", hour, aggregate);
        }
        return buckets;
    }

    private static long HourIndex(Instant hour) => (long)Math.Floor((hour - NodaConstants.UnixEpoch).TotalHours);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
