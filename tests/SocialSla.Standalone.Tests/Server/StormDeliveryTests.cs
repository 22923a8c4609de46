using System.Net;
using System.Text.Json;
using SocialSla.Core.Alerts.Storms;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Storm control in <c>serve</c> (issue #6 "Must hold"): a replayed storm of 500 breaches in 5 minutes on one
/// account, through the real server on loopback with real HTTP receivers and a fake clock, reaches each recipient as
/// one grouped incident per level; another account's alerts go on their own; no alert is lost.</summary>
public sealed class StormDeliveryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string FabrikamUserId = "1500000000000000002";
    private const string HookSecret = "whsec_c3Rvcm0tdGVzdC1zZWNyZXQtMDAwMQ==";
    private const int StormCases = 500;
    private const int FabrikamCases = 3;

    private static string Dm(string account, int i, DateTimeOffset at) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = $"{account}-{i}", ["platform"] = "x", ["account"] = account, ["channel"] = "dm", ["threadKey"] = $"{account}-t{i}",
            ["author"] = new Dictionary<string, object?> { ["id"] = $"9{i:D6}", ["handle"] = $"customer{i}" },
            ["fromBrand"] = false, ["text"] = "where is my order",
            ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 90)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(25);
        }
    }

    /// <summary>Moves the fake clock and waits until the engine has run every wake-up due by then and the dispatcher
    /// has recorded the outcome of everything due.</summary>
    private static async Task AdvanceAsync(TestServer server, ManualTimeProvider time, TimeSpan by)
    {
        time.Advance(by);
        var now = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow());
        await WaitUntilAsync(() => server.Engine.Status.NextWakeUp is not { } next || next > now, "the engine's due wake-ups");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE status = 'pending'") == 0
            && server.Scalar("SELECT count(*) FROM incident_events WHERE status = 'pending'") == 0, "the dispatcher");
    }

    [Fact]
    public async Task A_storm_of_500_breaches_in_5_minutes_reaches_each_recipient_as_one_grouped_incident_per_level_and_loses_nothing()
    {
        var time = new ManualTimeProvider(T0.AddMinutes(5));
        await using var slack = await AlertReceiver.StartAsync();
        await using var teams = await AlertReceiver.StartAsync();
        await using var pagerDuty = await AlertReceiver.StartAsync(_ => 202);
        await using var hook = await AlertReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(time, options =>
        {
            options.Accounts.Add(new AccountOptions { Account = "x:Fabrikam", PlatformUserId = FabrikamUserId, Handle = "Fabrikam" });
            options.PublicUrl = "https://sla.example.com/board";
            // A one-minute cooldown: the 5-minute storm also sends rolling updates.
            options.Storm = new StormConfigOptions { UpdateEveryMinutes = 1 };
            options.Sinks =
            [
                new SinkOptions { Type = "slack", Name = "team", Url = slack.Url.ToString(), Levels = ["warning", "breached"] },
                new SinkOptions { Type = "teams", Name = "leads", Url = teams.Url.ToString(), Levels = ["breached"] },
                new SinkOptions { Type = "pagerduty", Name = "oncall", Url = pagerDuty.Url.ToString(), RoutingKey = "R0UT1NGKEY", Levels = ["breached"] },
                new SinkOptions { Type = "webhook", Name = "hook", Url = hook.Url.ToString(), Secret = HookSecret, Levels = ["breached"] },
            ];
        });

        // 500 DMs to Contoso opened in 5 minutes (one every 0.6 s), 3 to Fabrikam: 15-minute targets, so the
        // warnings come 7.5 minutes later and the breaches 15 minutes later, 500 of them in 5 minutes.
        var contoso = Enumerable.Range(0, StormCases).Select(i => Dm("ContosoCoffee", i, T0.AddMilliseconds(600 * i))).ToList();
        var fabrikam = Enumerable.Range(0, FabrikamCases).Select(i => Dm("Fabrikam", i, T0.AddMinutes(i))).ToList();
        foreach (var chunk in contoso.Concat(fabrikam).Chunk(50))
        {
            using var response = await server.PostMentionsAsync(time.GetUtcNow(), chunk);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.WaitProcessedAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(StormCases + FabrikamCases, server.Scalar("SELECT count(*) FROM cases"));

        for (var minute = 5.5; minute <= 21; minute += 0.5) await AdvanceAsync(server, time, TimeSpan.FromSeconds(30));
        Assert.Equal(StormCases, server.Scalar("SELECT count(*) FROM alerts WHERE account = 'x:ContosoCoffee' AND kind = 'breached'"));
        Assert.Equal(FabrikamCases, server.Scalar("SELECT count(*) FROM alerts WHERE account = 'x:Fabrikam' AND kind = 'breached'"));
        // Quiet for the storm's EndsAfterQuiet: every group closes with its final count.
        await AdvanceAsync(server, time, StormOptions.Default.EndsAfterQuiet.ToTimeSpan() + TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM storm_groups WHERE closed_at IS NULL") == 0, "the groups to close");
        await AdvanceAsync(server, time, TimeSpan.FromSeconds(1));

        var threshold = StormOptions.Default.Threshold;
        // One storm per recipient and level on Contoso: team (warning, breached), leads, oncall and hook (breached).
        Assert.Equal(5, server.Scalar("SELECT count(*) FROM storm_groups"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM storm_groups WHERE account <> 'x:ContosoCoffee'"));

        // PagerDuty: the first pages on their own, then the storm as one incident: every message of it the same dedup_key.
        var pd = pagerDuty.Bodies;
        var pdStorm = pd.Where(b => b.GetProperty("dedup_key").GetString()!.StartsWith("storm:", StringComparison.Ordinal)).ToList();
        var pdSingle = pd.Except(pdStorm).ToList();
        Assert.Single(pdStorm.Select(b => b.GetProperty("dedup_key").GetString()).Distinct());
        // Opened, rolling updates at most once a minute over the storm's 5 minutes (the per-recipient cooldown), closed.
        Assert.InRange(pdStorm.Count, 3, 2 + 5);
        Assert.Equal(["opened", .. Enumerable.Repeat("updated", pdStorm.Count - 2), "closed"],
            pdStorm.Select(b => b.GetProperty("payload").GetProperty("custom_details").GetProperty("event").GetString()));
        Assert.All(pdStorm, b =>
        {
            Assert.Equal("R0UT1NGKEY", b.GetProperty("routing_key").GetString());
            Assert.Equal("trigger", b.GetProperty("event_action").GetString());
            var payload = b.GetProperty("payload");
            Assert.Equal("x:ContosoCoffee", payload.GetProperty("source").GetString());
            Assert.Equal("critical", payload.GetProperty("severity").GetString());
            Assert.Contains("breached alerts on x:ContosoCoffee", payload.GetProperty("summary").GetString(), StringComparison.Ordinal);
        });
        var counts = pdStorm.Select(b => b.GetProperty("payload").GetProperty("custom_details").GetProperty("count").GetInt32()).ToList();
        Assert.Equal(counts.Order(), counts);                                      // a rolling count
        Assert.Equal(StormCases, counts[^1]);
        Assert.Equal("closed", pdStorm[^1].GetProperty("payload").GetProperty("custom_details").GetProperty("event").GetString());
        Assert.Equal(threshold, pdSingle.Count(b => b.GetProperty("payload").GetProperty("source").GetString() == "x:ContosoCoffee"));
        Assert.Equal(FabrikamCases, pdSingle.Count(b => b.GetProperty("payload").GetProperty("source").GetString() == "x:Fabrikam"));

        // Slack: one storm per level (warnings and breaches), Block Kit with the count and the cases linked.
        var slackStorms = slack.Bodies.Where(b => b.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!.StartsWith("Storm", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, slackStorms.Select(b => Field(b, "Incident")).Distinct().Count());
        Assert.All(slackStorms.GroupBy(b => Field(b, "Incident")), g => Assert.Equal(StormCases.ToString(System.Globalization.CultureInfo.InvariantCulture), Field(g.Last(), "Alerts")));
        var list = slackStorms[0].GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "section" && b.TryGetProperty("text", out _));
        Assert.Contains("<https://sla.example.com/board/cases/", list.GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2 * threshold + FabrikamCases * 2, slack.Bodies.Count - slackStorms.Count);   // Contoso: 5 warnings, 5 breaches; Fabrikam: all

        // Teams: one Adaptive Card incident with the schema version, its facts and the count.
        var teamsStorms = teams.Bodies.Where(b => Card(b).GetProperty("body")[0].GetProperty("text").GetString()!.StartsWith("Storm", StringComparison.Ordinal)).ToList();
        Assert.Single(teamsStorms.Select(b => Fact(b, "Incident")).Distinct());
        Assert.All(teamsStorms, b => Assert.Equal("1.4", Card(b).GetProperty("version").GetString()));
        Assert.Equal(StormCases.ToString(System.Globalization.CultureInfo.InvariantCulture), Fact(teamsStorms[^1], "Alerts"));
        Assert.Equal(threshold + FabrikamCases, teams.Bodies.Count - teamsStorms.Count);

        // The signed webhook: the storm's JSON, signed over its own message id, verifiable by the receiver.
        var hookStorms = hook.Requests.Where(r => r.Body.TryGetProperty("type", out var type) && type.GetString() == "storm").ToList();
        Assert.Single(hookStorms.Select(r => r.Body.GetProperty("group").GetString()).Distinct());
        Assert.All(hookStorms, r =>
        {
            Assert.Equal(r.Body.GetProperty("id").GetString(), r.Headers["webhook-id"]);
            var signed = WebhookSigning.Standard(r.Headers["webhook-id"], long.Parse(r.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture), r.Raw, HookSecret);
            Assert.Contains(signed, r.Headers["webhook-signature"].Split(' '));
        });
        Assert.Equal(StormCases, hookStorms[^1].Body.GetProperty("count").GetInt32());
        var sentAt = hookStorms.Select(r => r.Body.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.All(sentAt.Zip(sentAt.Skip(1)).SkipLast(1), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMinutes(1), $"updates {pair.First} and {pair.Second}"));
        Assert.Equal(StormOptions.Default.ListedCases, hookStorms[^1].Body.GetProperty("cases").GetArrayLength());
        Assert.Equal(threshold + FabrikamCases, hook.Requests.Count - hookStorms.Count);

        // Nothing lost: every Contoso breach reached every breach sink, alone or in that sink's one group.
        var alerts = (await server.SendAsync(HttpMethod.Get, "/api/alerts?account=x:ContosoCoffee&limit=1000")).Body.GetProperty("alerts")
            .EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "breached").ToList();
        Assert.Equal(StormCases, alerts.Count);
        foreach (var sink in new[] { "team", "leads", "oncall", "hook" })
        {
            var deliveries = alerts.Select(a => a.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("sink").GetString() == sink)).ToList();
            Assert.Equal(threshold, deliveries.Count(d => d.GetProperty("status").GetString() == "delivered"));
            var grouped = deliveries.Where(d => d.GetProperty("status").GetString() == "grouped").ToList();
            Assert.Equal(StormCases - threshold, grouped.Count);
            Assert.Single(grouped.Select(d => d.GetProperty("group").GetString()).Distinct());
        }
        output.WriteLine($"{StormCases} Contoso breaches + {FabrikamCases} Fabrikam: requests received by PagerDuty {pagerDuty.Requests.Count}, " +
            $"Teams {teams.Requests.Count}, webhook {hook.Requests.Count}, Slack {slack.Requests.Count} (warnings and breaches)");
        var storms = (await server.SendAsync(HttpMethod.Get, "/api/storms?status=closed")).Body.GetProperty("storms").EnumerateArray().ToList();
        Assert.Equal(5, storms.Count);
        Assert.All(storms, s => Assert.Equal(StormCases, s.GetProperty("count").GetInt32()));
        Assert.All(storms, s => Assert.All(s.GetProperty("messages").EnumerateArray(), m => Assert.Equal("delivered", m.GetProperty("status").GetString())));
    }

    private static string Field(JsonElement slackMessage, string title) =>
        slackMessage.GetProperty("blocks").EnumerateArray().Single(b => b.TryGetProperty("fields", out _)).GetProperty("fields").EnumerateArray()
            .Select(f => f.GetProperty("text").GetString()!).Single(t => t.StartsWith($"*{title}*\n", StringComparison.Ordinal))[(title.Length + 3)..];

    private static JsonElement Card(JsonElement teamsMessage) => teamsMessage.GetProperty("attachments")[0].GetProperty("content");

    private static string Fact(JsonElement teamsMessage, string title) =>
        Card(teamsMessage).GetProperty("body").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "FactSet").GetProperty("facts")
            .EnumerateArray().Single(f => f.GetProperty("title").GetString() == title).GetProperty("value").GetString()!;

    [Fact]
    public async Task A_group_open_at_a_restart_gets_its_final_count_at_the_next_start()
    {
        var time = new ManualTimeProvider(T0.AddMinutes(1));
        var folder = Directory.CreateTempSubdirectory("socialsla-storm-restart-").FullName;
        await using var pagerDuty = await AlertReceiver.StartAsync(_ => 202);
        void Configure(ServerOptions options)
        {
            options.Sinks = [new SinkOptions { Type = "pagerduty", Name = "oncall", Url = pagerDuty.Url.ToString(), RoutingKey = "K", Levels = ["breached"] }];
            options.Storm = new StormConfigOptions { Threshold = 2 };
        }

        var first = await TestServer.StartAsync(time, Configure, folder: folder);
        try
        {
            using (var response = await first.PostMentionsAsync(time.GetUtcNow(), [.. Enumerable.Range(0, 6).Select(i => Dm("ContosoCoffee", i, T0.AddSeconds(10 * i)))]))
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await first.WaitProcessedAsync();
            await AdvanceAsync(first, time, TimeSpan.FromMinutes(16));   // six breaches: two pages, then the group
            Assert.Equal(6, first.Scalar("SELECT count(*) FROM alerts WHERE kind = 'breached'"));
            Assert.Equal(1, first.Scalar("SELECT count(*) FROM storm_groups WHERE closed_at IS NULL"));
        }
        finally
        {
            await first.StopKeepingFolderAsync();
        }
        var opened = Assert.Single(pagerDuty.Bodies, b => b.GetProperty("payload").GetProperty("class").GetString() == "storm");
        Assert.Equal(3, opened.GetProperty("payload").GetProperty("custom_details").GetProperty("count").GetInt32());

        await using var second = await TestServer.StartAsync(time, Configure, folder: folder);
        await WaitUntilAsync(() => pagerDuty.Bodies.Count(b => b.GetProperty("payload").GetProperty("class").GetString() == "storm") == 2, "the group's final message");
        var closed = pagerDuty.Bodies.Last(b => b.GetProperty("payload").GetProperty("class").GetString() == "storm");
        Assert.Equal(opened.GetProperty("dedup_key").GetString(), closed.GetProperty("dedup_key").GetString());
        var details = closed.GetProperty("payload").GetProperty("custom_details");
        Assert.Equal("closed", details.GetProperty("event").GetString());
        Assert.Equal(6, details.GetProperty("count").GetInt32());   // the two pages and the four folded after them
        Assert.Equal(6, details.GetProperty("cases").GetArrayLength());
        await WaitUntilAsync(() => second.Scalar("SELECT count(*) FROM storm_groups WHERE closed_at IS NOT NULL") == 1, "the group to be closed");
        Assert.Equal(2 + 2, pagerDuty.Requests.Count);
    }
}
