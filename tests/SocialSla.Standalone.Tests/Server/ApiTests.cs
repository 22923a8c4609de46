using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The case, alert and KPI APIs on a real server whose clock the test moves.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(T0);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_time);

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
        // The engine wakes on its timer; wait until it has run everything due.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_server.Engine.Status.NextWakeUp is { } next && next.ToDateTimeOffset() <= _time.GetUtcNow())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The engine did not run its due wake-ups.");
            await Task.Delay(5);
        }
        await Task.Delay(20);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic cmVhZDpyZWFk")]
    public async Task A_missing_or_wrong_token_is_401(string? authorization)
    {
        foreach (var path in new[] { "/api/cases", "/api/kpis", "/api/alerts", "/api/cases/x%3AContosoCoffee%3A1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await _server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Healthz_needs_no_token()
    {
        using var response = await _server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Open_cases_are_listed_by_time_to_their_next_threshold()
    {
        // A public mention (1 h target: warning at 30 min), then two minutes later a DM (15 min: warning at 7.5 min).
        await PostAsync(TestServer.Mention("100", T0));
        _time.Advance(TimeSpan.FromMinutes(2));
        await PostAsync(TestServer.Mention("200", T0.AddMinutes(2), channel: "dm", thread: "dm-pair-1", author: "300"));

        var (status, body) = await _server.SendAsync(HttpMethod.Get, "/api/cases?state=open");

        Assert.Equal(HttpStatusCode.OK, status);
        var cases = body.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(2, cases.Count);
        Assert.Equal("dm", cases[0].GetProperty("channel").GetString());
        Assert.Equal(T0.AddMinutes(2 + 7.5), cases[0].GetProperty("nextThresholdAt").GetDateTimeOffset());
        Assert.Equal(T0.AddMinutes(30), cases[1].GetProperty("nextThresholdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_read_only_token_cannot_resolve_an_agent_token_can_and_the_case_leaves_the_open_list()
    {
        await PostAsync(TestServer.Mention("100", T0));
        var id = (await _server.SendAsync(HttpMethod.Get, "/api/cases")).Body.GetProperty("cases")[0].GetProperty("id").GetString()!;
        var path = $"/api/cases/{Uri.EscapeDataString(id)}/resolve";

        var (readOnly, _) = await _server.SendAsync(HttpMethod.Post, path, TestServer.ReadToken);
        var (agent, resolved) = await _server.SendAsync(HttpMethod.Post, path, TestServer.AgentToken);
        var (again, _) = await _server.SendAsync(HttpMethod.Post, "/api/cases/x%3AContosoCoffee%3Anope/resolve", TestServer.AgentToken);

        Assert.Equal(HttpStatusCode.Forbidden, readOnly);
        Assert.Equal(HttpStatusCode.OK, agent);
        Assert.Equal("agent", resolved.GetProperty("resolvedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Empty((await _server.SendAsync(HttpMethod.Get, "/api/cases?state=open")).Body.GetProperty("cases").EnumerateArray());
        var detail = (await _server.SendAsync(HttpMethod.Get, $"/api/cases/{Uri.EscapeDataString(id)}")).Body;
        Assert.Equal("resolved", detail.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_threshold_raises_one_alert_that_is_delivered_and_can_be_acknowledged_once()
    {
        await PostAsync(TestServer.Mention("100", T0, channel: "dm", thread: "pair"));
        await AdvanceAsync(TimeSpan.FromMinutes(8)); // past the 7.5-minute warning of the 15-minute DM target

        var alerts = await WaitForAlertsAsync(1);
        var alert = alerts[0];
        Assert.Equal("warning", alert.GetProperty("kind").GetString());
        Assert.Equal(T0.AddMinutes(7.5), alert.GetProperty("thresholdAt").GetDateTimeOffset());
        var id = alert.GetProperty("id").GetString()!;

        var (readOnly, _) = await _server.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/ack", TestServer.ReadToken);
        var (first, ack) = await _server.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/ack", TestServer.AgentToken);
        _time.Advance(TimeSpan.FromSeconds(5));
        var (second, ackAgain) = await _server.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/ack", TestServer.AgentToken);

        Assert.Equal(HttpStatusCode.Forbidden, readOnly);
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(ack.GetProperty("acknowledgedAt").GetString(), ackAgain.GetProperty("acknowledgedAt").GetString());
        var lines = File.ReadAllLines(_server.AlertsFile);
        Assert.Single(lines, line => line.Contains(id, StringComparison.Ordinal));
        var unacknowledged = (await _server.SendAsync(HttpMethod.Get, "/api/alerts?status=unacknowledged")).Body.GetProperty("alerts");
        Assert.Empty(unacknowledged.EnumerateArray());
    }

    [Fact]
    public async Task The_case_view_shows_messages_clocks_and_alerts()
    {
        await PostAsync(TestServer.Mention("100", T0, channel: "dm", thread: "pair"));
        await AdvanceAsync(TimeSpan.FromMinutes(13)); // warning (7.5 min) and at risk (12 min) fire
        await PostAsync(TestServer.Mention("101", T0.AddMinutes(13), fromBrand: true, channel: "dm", thread: "pair", text: "sorry, on it"));

        var id = (await _server.SendAsync(HttpMethod.Get, "/api/cases?state=all")).Body.GetProperty("cases")[0].GetProperty("id").GetString()!;
        var (status, view) = await _server.SendAsync(HttpMethod.Get, $"/api/cases/{Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["my order is late", "sorry, on it"], view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        var first = view.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "firstReply");
        Assert.Equal("fulfilled", first.GetProperty("state").GetString());
        Assert.Equal(13 * 60, first.GetProperty("elapsedSeconds").GetDouble(), 3);
        Assert.Equal(["atRisk", "warning"], view.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("level").GetString()).Order());
    }

    [Fact]
    public async Task Kpis_count_first_reply_times_by_day_and_by_channel()
    {
        await PostAsync(TestServer.Mention("100", T0), TestServer.Mention("200", T0, channel: "dm", thread: "pair", author: "300"));
        _time.Advance(TimeSpan.FromMinutes(5));
        await PostAsync(TestServer.Mention("101", T0.AddMinutes(5), fromBrand: true, parent: "100"));
        _time.Advance(TimeSpan.FromMinutes(5));
        await PostAsync(TestServer.Mention("201", T0.AddMinutes(10), fromBrand: true, channel: "dm", thread: "pair"));

        var (status, kpis) = await _server.SendAsync(HttpMethod.Get, "/api/kpis?account=x:ContosoCoffee&from=2026-11-02&to=2026-11-03&dimension=channel");
        var (bad, _) = await _server.SendAsync(HttpMethod.Get, "/api/kpis?granularity=week");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var total = kpis.GetProperty("total");
        Assert.Equal(2, total.GetProperty("cases").GetInt64());
        Assert.Equal(2, total.GetProperty("firstReply").GetProperty("count").GetInt64());
        Assert.Equal(450, total.GetProperty("firstReply").GetProperty("meanSeconds").GetDouble(), 6);
        var byChannel = kpis.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty("channel").GetString()!, b => b.GetProperty("firstReply").GetProperty("meanSeconds").GetDouble());
        Assert.Equal(300, byChannel["mention"], 6);
        Assert.Equal(600, byChannel["dm"], 6);
    }

    private async Task<List<JsonElement>> WaitForAlertsAsync(int count)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var alerts = (await _server.SendAsync(HttpMethod.Get, "/api/alerts")).Body.GetProperty("alerts").EnumerateArray().ToList();
            if (alerts.Count >= count && alerts.All(a => a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("status").GetString() == "delivered")))
                return alerts;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{alerts.Count} alerts delivered, expected {count}.");
            await Task.Delay(20);
        }
    }
}
