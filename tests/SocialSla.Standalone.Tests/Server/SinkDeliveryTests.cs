using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Each sink's request, captured by a real receiver on loopback, against the shape its tool documents; and
/// delivery through failures: retried until accepted once, dead-lettered when the receiver stays down, retried by hand.</summary>
public sealed class SinkDeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly LoopbackServer _server;
        private readonly Func<int, int> _status;
        private int _calls;

        private Receiver(LoopbackServer server, Func<int, int> status)
        {
            _server = server;
            _status = status;
        }

        public ConcurrentQueue<(int Status, JsonElement Body)> Requests { get; } = new();

        public Uri Url => new(_server.BaseUrl, "hook");

        public int Accepted => Requests.Count(r => r.Status is >= 200 and < 300);

        public static async Task<Receiver> StartAsync(Func<int, int>? status = null)
        {
            Receiver? receiver = null;
            var server = await LoopbackServer.StartAsync(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                var code = receiver!._status(Interlocked.Increment(ref receiver._calls));
                receiver.Requests.Enqueue((code, JsonDocument.Parse(body.ToArray()).RootElement.Clone()));
                context.Response.StatusCode = code;
            });
            receiver = new Receiver(server, status ?? (_ => StatusCodes.Status200OK));
            return receiver;
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    private static async Task<TestServer> ServerWithAsync(ManualTimeProvider time, params SinkOptions[] sinks) =>
        await TestServer.StartAsync(time, options =>
        {
            options.Sinks = [.. sinks];
            options.PublicUrl = "https://sla.example.com/board";
        });

    /// <summary>Opens one urgent DM case and moves the clock past its warning (7.5 minutes of a 15-minute target).</summary>
    private static async Task RaiseWarningAsync(TestServer server, ManualTimeProvider time)
    {
        using var response = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("100", T0, channel: "dm", thread: "pair", text: "refund my order <now> & fast"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
        time.Advance(TimeSpan.FromMinutes(8));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, ManualTimeProvider? time = null, TimeSpan? step = null)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not hold in time.");
            if (time is not null && step is { } by) time.Advance(by);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Teams_gets_an_adaptive_card_slack_gets_blocks_pagerduty_gets_a_v2_trigger()
    {
        var time = new ManualTimeProvider(T0);
        await using var teams = await Receiver.StartAsync();
        await using var slack = await Receiver.StartAsync();
        await using var pagerDuty = await Receiver.StartAsync(_ => StatusCodes.Status202Accepted);
        await using var server = await ServerWithAsync(time,
            new SinkOptions { Type = "teams", Url = teams.Url.ToString() },
            new SinkOptions { Type = "slack", Url = slack.Url.ToString() },
            new SinkOptions { Type = "pagerduty", Url = pagerDuty.Url.ToString(), RoutingKey = "R0UT1NGKEY" });

        await RaiseWarningAsync(server, time);
        await WaitUntilAsync(() => teams.Accepted == 1 && slack.Accepted == 1 && pagerDuty.Accepted == 1);

        var card = teams.Requests.Single().Body;
        Assert.Equal("message", card.GetProperty("type").GetString());
        var attachment = card.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var content = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", content.GetProperty("type").GetString());
        Assert.Equal("1.4", content.GetProperty("version").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", content.GetProperty("$schema").GetString());
        var facts = content.GetProperty("body").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "FactSet")
            .GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal("15m", facts["Target"]);
        Assert.Equal("8m 0s", facts["Elapsed"]);
        Assert.Equal("7m 0s left", facts["Time left"]);
        Assert.Equal("@alice", facts["Customer"]);
        var actions = content.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("title").GetString()!, a => a.GetProperty("url").GetString()!);
        Assert.StartsWith("https://sla.example.com/board/cases/", actions["Acknowledge"], StringComparison.Ordinal);
        Assert.Contains("ack=", actions["Acknowledge"], StringComparison.Ordinal);

        var message = slack.Requests.Single().Body;
        Assert.Contains("Warning", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Contains(blocks, b => b.GetProperty("type").GetString() == "section" && b.TryGetProperty("fields", out _));
        // Slack's control characters in the customer's text are escaped.
        Assert.Contains(blocks, b => b.TryGetProperty("text", out var t) && t.GetProperty("text").GetString()!.Contains("&lt;now&gt; &amp; fast", StringComparison.Ordinal));
        Assert.Equal("actions", blocks[^1].GetProperty("type").GetString());

        var pd = pagerDuty.Requests.Single().Body;
        Assert.Equal("R0UT1NGKEY", pd.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", pd.GetProperty("event_action").GetString());
        Assert.EndsWith("/firstReply.0", pd.GetProperty("dedup_key").GetString(), StringComparison.Ordinal);
        var payload = pd.GetProperty("payload");
        Assert.Equal("info", payload.GetProperty("severity").GetString());
        Assert.Equal("x:ContosoCoffee", payload.GetProperty("source").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("summary").GetString()));
        Assert.Equal(T0.AddMinutes(8), payload.GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_then_accepts_gets_exactly_one_accepted_delivery()
    {
        var time = new ManualTimeProvider(T0);
        await using var receiver = await Receiver.StartAsync(call => call <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
        await using var server = await ServerWithAsync(time, new SinkOptions { Type = "slack", Url = receiver.Url.ToString() });

        await RaiseWarningAsync(server, time);
        await WaitUntilAsync(() => receiver.Accepted >= 1, time, TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(200);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(1, receiver.Accepted);
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM deliveries WHERE status = 'delivered' AND attempts = 3"));
    }

    [Fact]
    public async Task A_receiver_down_for_good_ends_in_the_dead_letter_list_and_a_retry_delivers_it()
    {
        var time = new ManualTimeProvider(T0);
        var down = true;
        await using var receiver = await Receiver.StartAsync(_ => Volatile.Read(ref down) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        await using var server = await ServerWithAsync(time, new SinkOptions { Type = "teams", Url = receiver.Url.ToString() });

        await RaiseWarningAsync(server, time);
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM alerts") == 1);
        // The brand answers: no further threshold of this case fires while the clock runs on through the retries.
        using (var reply = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("101", T0.AddMinutes(8), fromBrand: true, channel: "dm", thread: "pair")))
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await server.WaitProcessedAsync();
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE status = 'failed'") == 1, time, TimeSpan.FromMinutes(2));
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM alerts"));

        Assert.Equal(AlertDispatcher.MaxAttempts, receiver.Requests.Count);
        var failed = (await server.SendAsync(HttpMethod.Get, "/api/alerts?status=failed")).Body.GetProperty("alerts");
        var alert = Assert.Single(failed.EnumerateArray());
        var id = alert.GetProperty("id").GetString()!;
        Assert.Contains("503", alert.GetProperty("deliveries")[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);

        Volatile.Write(ref down, false);
        var (status, _) = await server.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/retry", TestServer.AgentToken);
        Assert.Equal(HttpStatusCode.OK, status);
        await WaitUntilAsync(() => receiver.Accepted == 1);
        Assert.Empty((await server.SendAsync(HttpMethod.Get, "/api/alerts?status=failed")).Body.GetProperty("alerts").EnumerateArray());
    }

    [Fact]
    public async Task Each_sink_gets_only_the_levels_and_accounts_it_is_configured_for()
    {
        var time = new ManualTimeProvider(T0);
        await using var team = await Receiver.StartAsync();
        await using var pager = await Receiver.StartAsync(_ => StatusCodes.Status202Accepted);
        await using var otherBrand = await Receiver.StartAsync();
        await using var server = await ServerWithAsync(time,
            new SinkOptions { Type = "slack", Name = "team", Url = team.Url.ToString(), Levels = ["warning", "atRisk"] },
            new SinkOptions { Type = "pagerduty", Name = "oncall", Url = pager.Url.ToString(), RoutingKey = "K", Levels = ["breached"] },
            new SinkOptions { Type = "slack", Name = "other", Url = otherBrand.Url.ToString(), Accounts = ["x:SomeoneElse"] });

        await RaiseWarningAsync(server, time);      // warning at 7.5 min
        time.Advance(TimeSpan.FromMinutes(8));      // at risk (12) and breach (15) by 16 min
        await WaitUntilAsync(() => team.Accepted == 2 && pager.Accepted == 1);
        await Task.Delay(200);

        Assert.Equal(2, team.Requests.Count);
        Assert.Equal("trigger", Assert.Single(pager.Requests).Body.GetProperty("event_action").GetString());
        Assert.Equal("error", pager.Requests.Single().Body.GetProperty("payload").GetProperty("severity").GetString());
        Assert.Empty(otherBrand.Requests);
        Assert.Equal(3, server.Scalar("SELECT count(*) FROM deliveries"));
    }

    private static async Task<TestServer> LadderServerAsync(ManualTimeProvider time, Receiver team, Receiver lead) =>
        await TestServer.StartAsync(time, options =>
        {
            options.Sinks =
            [
                new SinkOptions { Type = "slack", Name = "team", Url = team.Url.ToString(), Levels = ["warning"] },
                new SinkOptions { Type = "slack", Name = "lead", Url = lead.Url.ToString(), Levels = ["atRisk"] },
            ];
            options.Escalation = new EscalationOptions { WarningMinutes = 2 };
        });

    [Fact]
    public async Task An_unacknowledged_warning_reaches_the_lead_after_the_ladders_wait()
    {
        var time = new ManualTimeProvider(T0);
        await using var team = await Receiver.StartAsync();
        await using var lead = await Receiver.StartAsync();
        await using var server = await LadderServerAsync(time, team, lead);

        await RaiseWarningAsync(server, time);                 // warning at 7.5 min, now 8 min
        await WaitUntilAsync(() => team.Accepted == 1);
        await Task.Delay(300);
        Assert.Empty(lead.Requests);                            // not before the wait

        time.Advance(TimeSpan.FromMinutes(2));                  // 10 min: the warning is 2.5 min old, at risk is at 12
        await WaitUntilAsync(() => lead.Accepted == 1);
        Assert.Contains("Warning", lead.Requests.Single().Body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        // The receiver answered before the dispatcher recorded the outcome: wait for the row.
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE sink = 'lead' AND unless_acked = 1 AND status = 'delivered'") == 1);
    }

    [Fact]
    public async Task Acknowledging_the_warning_stops_its_escalation()
    {
        var time = new ManualTimeProvider(T0);
        await using var team = await Receiver.StartAsync();
        await using var lead = await Receiver.StartAsync();
        await using var server = await LadderServerAsync(time, team, lead);

        await RaiseWarningAsync(server, time);
        await WaitUntilAsync(() => team.Accepted == 1);
        var id = Assert.Single((await server.SendAsync(HttpMethod.Get, "/api/alerts")).Body.GetProperty("alerts").EnumerateArray()).GetProperty("id").GetString();
        var (status, _) = await server.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/ack", TestServer.AgentToken);
        Assert.Equal(HttpStatusCode.OK, status);

        time.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE sink = 'lead' AND status = 'skipped'") == 1);
        await Task.Delay(300);
        Assert.Empty(lead.Requests);
    }
}
