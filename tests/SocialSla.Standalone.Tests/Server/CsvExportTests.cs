using System.Globalization;
using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Tests.Generate;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary><c>GET /api/cases.csv</c> and <c>GET /api/kpis.csv</c> parsed by an independent strict reader and compared
/// with the JSON APIs for the same range (issue #7).</summary>
public sealed class CsvExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(T0);
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(_time);
        // Day 1: a mention answered in 5 minutes, a DM answered in 20 (breached), a tricky excerpt left open.
        await PostAsync(
            TestServer.Mention("100", T0, text: "where is my order"),
            TestServer.Mention("200", T0, channel: "dm", thread: "pair", author: "300", text: "hi, my card was charged"),
            TestServer.Mention("300", T0, author: "400", text: "=HYPERLINK(\"x\"), \"quoted\", and\na new line"));
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        await PostAsync(TestServer.Mention("101", T0.AddMinutes(5), fromBrand: true, parent: "100", text: "on its way"));
        await AdvanceAsync(TimeSpan.FromMinutes(15));
        await PostAsync(TestServer.Mention("201", T0.AddMinutes(20), fromBrand: true, channel: "dm", thread: "pair", text: "sorry, refunded"));
        // Day 2: one more mention.
        await AdvanceAsync(TimeSpan.FromDays(1));
        await PostAsync(TestServer.Mention("400", T0.AddDays(1).AddMinutes(20), author: "500", text: "still waiting"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task PostAsync(params string[] lines)
    {
        using var response = await _server.PostMentionsAsync(_time.GetUtcNow(), lines);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _server.WaitProcessedAsync();
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_server.Engine.Status.NextWakeUp is { } next && next.ToDateTimeOffset() <= _time.GetUtcNow())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The engine did not run its due wake-ups.");
            await Task.Delay(5);
        }
        await Task.Delay(20);
    }

    private async Task<(HttpResponseMessage Response, List<Dictionary<string, string>> Rows)> CsvAsync(string path, string? token = TestServer.ReadToken)
    {
        using var request = _server.Request(HttpMethod.Get, path, token);
        var response = await _server.Client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) return (response, []);
        var table = StrictCsv.Parse(await response.Content.ReadAsStringAsync());
        var header = table[0];
        return (response, table.Skip(1).Select(row => header.Select((name, i) => (name, row[i])).ToDictionary(p => p.name, p => p.Item2)).ToList());
    }

    [Fact]
    public async Task Cases_csv_has_every_case_of_the_range_with_the_fields_of_the_json_api()
    {
        const string range = "from=2026-11-02&to=2026-11-03";
        var (response, rows) = await CsvAsync("/api/cases.csv?" + range);
        var json = (await _server.SendAsync(HttpMethod.Get, "/api/cases?state=all&" + range)).Body.GetProperty("cases").EnumerateArray().ToList();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("cases.csv", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, rows.Count); // day 2's case is out of the range
        Assert.Equal(json.Select(c => c.GetProperty("id").GetString()), rows.Select(r => r["id"]));
        foreach (var (row, c) in rows.Zip(json))
        {
            Assert.Equal(c.GetProperty("status").GetString(), row["status"]);
            Assert.Equal(c.GetProperty("channel").GetString(), row["channel"]);
            Assert.Equal(c.GetProperty("priority").GetString(), row["priority"]);
            Assert.Equal(c.GetProperty("urgency").GetString(), row["urgency"]);
            Assert.Equal(c.GetProperty("openedAt").GetString(), row["openedAt"]);
            Assert.Equal(c.TryGetProperty("nextThresholdAt", out var next) ? next.GetString() : "", row["nextThresholdAt"]);
            Assert.Equal(c.GetProperty("sentiment").GetProperty("score").GetDouble(), double.Parse(row["sentimentScore"], CultureInfo.InvariantCulture));
            Assert.Equal(c.GetProperty("customerHandle").GetString(), row["customerHandle"]);
        }
        var tricky = rows.Single(r => r["id"] == "x:ContosoCoffee:300");
        // The quotes, comma and line break survive; the formula is defused with a leading apostrophe.
        Assert.Equal("'=HYPERLINK(\"x\"), \"quoted\", and\na new line", tricky["excerpt"]);
        Assert.Equal("open", tricky["status"]);
    }

    [Fact]
    public async Task Cases_csv_needs_a_token()
    {
        var (response, _) = await CsvAsync("/api/cases.csv", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("granularity=day")]
    [InlineData("granularity=hour&dimension=channel")]
    [InlineData("from=2026-11-03&dimension=priority")]
    public async Task Kpis_csv_rows_equal_the_json_total_and_buckets(string query)
    {
        var (response, rows) = await CsvAsync("/api/kpis.csv?" + query);
        var json = (await _server.SendAsync(HttpMethod.Get, "/api/kpis?" + query)).Body;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var buckets = json.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(1 + buckets.Count, rows.Count);
        Assert.Equal("total", rows[0]["bucket"]);
        AssertSame(json.GetProperty("total"), rows[0]);
        Assert.Equal(json.GetProperty("total").GetProperty("veryResponsive").GetBoolean() ? "true" : "false", rows[0]["veryResponsive"]);
        var dimension = json.TryGetProperty("dimension", out var d) ? d.GetString() : null;
        foreach (var (bucket, row) in buckets.Zip(rows.Skip(1)))
        {
            Assert.Equal(bucket.GetProperty("start").GetString(), row["bucket"]);
            Assert.Equal(dimension is null ? "" : bucket.GetProperty(dimension).GetString(), row["key"]);
            AssertSame(bucket, row);
        }
    }

    [Fact]
    public async Task Kpis_csv_counts_what_happened()
    {
        var (_, rows) = await CsvAsync("/api/kpis.csv?from=2026-11-02&to=2026-11-03");
        var total = rows[0];

        Assert.Equal("3", total["cases"]);
        Assert.Equal("2", total["answered"]);
        Assert.Equal("2", total["firstReplyCount"]);
        Assert.Equal(750, double.Parse(total["firstReplyMeanSeconds"], CultureInfo.InvariantCulture), 3); // (300 + 1200) / 2
        Assert.Equal("2", total["firstReplyBreached"]); // the DM (answered after 20 of its 15 minutes) and case 300 (never answered)
        Assert.Equal(0.5, double.Parse(total["firstReplyWithin15m"], CultureInfo.InvariantCulture), 6);
    }

    private static void AssertSame(JsonElement json, Dictionary<string, string> row)
    {
        Assert.Equal(json.GetProperty("cases").GetInt64().ToString(CultureInfo.InvariantCulture), row["cases"]);
        Assert.Equal(json.GetProperty("answered").GetInt64().ToString(CultureInfo.InvariantCulture), row["answered"]);
        var first = json.GetProperty("firstReply");
        Assert.Equal(first.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), row["firstReplyCount"]);
        AssertNumber(first.GetProperty("p50Seconds"), row["firstReplyP50Seconds"]);
        AssertNumber(first.GetProperty("p90Seconds"), row["firstReplyP90Seconds"]);
        AssertNumber(first.GetProperty("within15m"), row["firstReplyWithin15m"]);
        AssertNumber(first.GetProperty("within1h"), row["firstReplyWithin1h"]);
        AssertNumber(json.GetProperty("responseRate"), row["responseRate"]);
        Assert.Equal(json.GetProperty("alerts").GetProperty("firstReply").GetProperty("breached").GetInt64().ToString(CultureInfo.InvariantCulture), row["firstReplyBreached"]);
        Assert.Equal(json.GetProperty("mentions").GetProperty("received").GetInt64().ToString(CultureInfo.InvariantCulture), row["mentions"]);
    }

    private static void AssertNumber(JsonElement json, string cell)
    {
        if (json.ValueKind == JsonValueKind.Null) Assert.Equal("", cell);
        else Assert.Equal(json.GetDouble(), double.Parse(cell, CultureInfo.InvariantCulture), 3);
    }
}
