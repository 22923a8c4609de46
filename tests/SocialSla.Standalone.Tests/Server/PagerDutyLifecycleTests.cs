using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>PagerDuty's incident lifecycle (issue #6 item 2), against a real receiver on loopback: a breach triggers
/// one incident per case and clock; acknowledging an alert of that clock through the API sends <c>acknowledge</c>, and
/// a brand reply or resolving the case sends <c>resolve</c>, both with the trigger's <c>dedup_key</c>.</summary>
public sealed class PagerDutyLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    private static async Task<(TestServer Server, ManualTimeProvider Time)> BreachedCaseAsync(AlertReceiver pagerDuty, AlertReceiver team)
    {
        var time = new ManualTimeProvider(T0);
        var server = await TestServer.StartAsync(time, options => options.Sinks =
        [
            new SinkOptions { Type = "slack", Name = "team", Url = team.Url.ToString(), Levels = ["warning"] },
            new SinkOptions { Type = "pagerduty", Name = "oncall", Url = pagerDuty.Url.ToString(), RoutingKey = "R0UT1NGKEY", Levels = ["breached"] },
        ]);
        using (var response = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("100", T0, channel: "dm", thread: "pair")))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
        time.Advance(TimeSpan.FromMinutes(16));                 // warning at 7.5, breach at 15 minutes
        await WaitUntilAsync(() => pagerDuty.Bodies.Count == 1 && team.Bodies.Count == 1, "the trigger and the warning");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE status = 'delivered'") == 2, "the deliveries to be recorded");
        return (server, time);
    }

    private static string AlertOf(JsonElement alerts, string kind) =>
        alerts.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == kind).GetProperty("id").GetString()!;

    [Fact]
    public async Task Acknowledging_then_a_brand_reply_acknowledge_and_resolve_the_incident_with_the_triggers_dedup_key()
    {
        await using var pagerDuty = await AlertReceiver.StartAsync(_ => 202);
        await using var team = await AlertReceiver.StartAsync();
        var (server, time) = await BreachedCaseAsync(pagerDuty, team);
        await using var owned = server;

        var trigger = pagerDuty.Bodies.Single();
        Assert.Equal("trigger", trigger.GetProperty("event_action").GetString());
        var dedupKey = trigger.GetProperty("dedup_key").GetString()!;
        Assert.EndsWith("/firstReply.0", dedupKey, StringComparison.Ordinal);
        Assert.Equal("error", trigger.GetProperty("payload").GetProperty("severity").GetString());
        Assert.Equal("x:ContosoCoffee", trigger.GetProperty("payload").GetProperty("source").GetString());
        Assert.Contains("Breached", trigger.GetProperty("payload").GetProperty("summary").GetString(), StringComparison.Ordinal);

        // The team's warning is of the same clock: acknowledging it (twice) acknowledges the one incident, once.
        var alerts = (await server.SendAsync(HttpMethod.Get, "/api/alerts")).Body;
        var warning = AlertOf(alerts, "warning");
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/alerts/{warning}/ack", TestServer.AgentToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/alerts/{AlertOf(alerts, "breached")}/ack", TestServer.AgentToken)).Status);
        await WaitUntilAsync(() => pagerDuty.Bodies.Count == 2, "the acknowledge event");
        var acknowledge = pagerDuty.Bodies[1];
        Assert.Equal("acknowledge", acknowledge.GetProperty("event_action").GetString());
        Assert.Equal(dedupKey, acknowledge.GetProperty("dedup_key").GetString());
        Assert.Equal("R0UT1NGKEY", acknowledge.GetProperty("routing_key").GetString());
        Assert.False(acknowledge.TryGetProperty("payload", out _));

        using (var reply = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("101", T0.AddMinutes(16), fromBrand: true, channel: "dm", thread: "pair")))
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await WaitUntilAsync(() => pagerDuty.Bodies.Count == 3, "the resolve event");
        var resolve = pagerDuty.Bodies[2];
        Assert.Equal("resolve", resolve.GetProperty("event_action").GetString());
        Assert.Equal(dedupKey, resolve.GetProperty("dedup_key").GetString());
        Assert.Equal("R0UT1NGKEY", resolve.GetProperty("routing_key").GetString());
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM incident_events WHERE status = 'delivered'") == 2, "the events to be recorded");

        // Acknowledging after the resolve sends nothing more; the Slack sink never got a lifecycle event.
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/alerts/{warning}/ack", TestServer.AgentToken)).Status);
        await Task.Delay(300);
        Assert.Equal(3, pagerDuty.Requests.Count);
        Assert.Single(team.Requests);
    }

    [Fact]
    public async Task Resolving_the_case_resolves_its_incident_once_and_no_incident_that_was_never_triggered()
    {
        await using var pagerDuty = await AlertReceiver.StartAsync(_ => 202);
        await using var team = await AlertReceiver.StartAsync();
        var (server, _) = await BreachedCaseAsync(pagerDuty, team);
        await using var owned = server;
        var dedupKey = pagerDuty.Bodies.Single().GetProperty("dedup_key").GetString()!;
        var caseId = dedupKey[..dedupKey.LastIndexOf('/')];

        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/resolve", TestServer.AgentToken)).Status);
        await WaitUntilAsync(() => pagerDuty.Bodies.Count == 2, "the resolve event");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM incident_events WHERE status = 'delivered'") == 1, "the event to be recorded");
        await Task.Delay(300);

        var resolve = pagerDuty.Bodies[1];
        Assert.Equal("resolve", resolve.GetProperty("event_action").GetString());
        Assert.Equal(dedupKey, resolve.GetProperty("dedup_key").GetString());
        // The resolution clock stopped too, but PagerDuty never had an incident for it.
        Assert.Equal(2, pagerDuty.Requests.Count);
    }

    [Fact]
    public async Task A_resolve_waits_for_a_trigger_that_is_still_being_retried()
    {
        var calls = 0;
        await using var pagerDuty = await AlertReceiver.StartAsync(_ => Interlocked.Increment(ref calls) <= 2 ? 503 : 202);
        await using var team = await AlertReceiver.StartAsync();
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, options => options.Sinks =
        [
            new SinkOptions { Type = "pagerduty", Name = "oncall", Url = pagerDuty.Url.ToString(), RoutingKey = "K", Levels = ["breached"] },
        ]);
        using (var response = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("100", T0, channel: "dm", thread: "pair")))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
        time.Advance(TimeSpan.FromMinutes(16));
        await WaitUntilAsync(() => pagerDuty.Requests.Count == 1, "the first (failed) trigger");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE attempts = 1 AND status = 'pending'") == 1, "the failure to be recorded");

        using (var reply = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("101", T0.AddMinutes(16), fromBrand: true, channel: "dm", thread: "pair")))
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await server.WaitProcessedAsync();
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM incident_events WHERE kind = 'resolve'") == 1, "the resolve to be queued");
        await Task.Delay(200);
        Assert.Single(pagerDuty.Requests);                      // held back behind the trigger's retry

        await WaitUntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return pagerDuty.Bodies.Count == 2;
        }, "the trigger and then the resolve");
        Assert.Equal(["trigger", "resolve"], pagerDuty.Bodies.Select(b => b.GetProperty("event_action").GetString()));
    }

    [Fact]
    public async Task A_refused_acknowledge_is_listed_as_failed_and_a_retry_delivers_it()
    {
        var refuse = true;
        await using var pagerDuty = await AlertReceiver.StartAsync(call => call > 1 && Volatile.Read(ref refuse) ? 400 : 202);
        await using var team = await AlertReceiver.StartAsync();
        var (server, _) = await BreachedCaseAsync(pagerDuty, team);
        await using var owned = server;
        var breach = AlertOf((await server.SendAsync(HttpMethod.Get, "/api/alerts")).Body, "breached");

        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, $"/api/alerts/{breach}/ack", TestServer.AgentToken)).Status);
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM incident_events WHERE status = 'failed'") == 1, "the refusal to be recorded");
        var failed = Assert.Single((await server.SendAsync(HttpMethod.Get, "/api/incidents?status=failed")).Body.GetProperty("incidents").EnumerateArray());
        Assert.Equal("acknowledge", failed.GetProperty("action").GetString());
        Assert.Equal("oncall", failed.GetProperty("sink").GetString());
        Assert.Contains("400", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.SendAsync(HttpMethod.Get, "/api/incidents?status=lost")).Status);

        Volatile.Write(ref refuse, false);
        var (status, _) = await server.SendAsync(HttpMethod.Post, $"/api/alerts/{failed.GetProperty("id").GetString()}/retry", TestServer.AgentToken);
        Assert.Equal(HttpStatusCode.OK, status);
        await WaitUntilAsync(() => pagerDuty.Bodies.Count == 2, "the retried acknowledge");
        Assert.Equal("acknowledge", pagerDuty.Bodies[1].GetProperty("event_action").GetString());
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM incident_events WHERE status = 'delivered'") == 1, "the delivery to be recorded");
        Assert.Empty((await server.SendAsync(HttpMethod.Get, "/api/incidents?status=failed")).Body.GetProperty("incidents").EnumerateArray());
    }
}
