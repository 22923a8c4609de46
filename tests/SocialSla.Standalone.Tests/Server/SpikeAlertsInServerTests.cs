using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #6 item 4 end to end in <c>serve</c>: a week's hour-of-week baseline learnt from webhooks, a restart,
/// a 5× burst a week later that fires one spike alert within two minutes of the engine's (simulated) clock through the
/// outbox to the JSONL and PagerDuty sinks, the baseline and current rate in <c>GET /api/kpis</c>, another restart
/// during the spike, and one resolution after it.</summary>
public sealed class SpikeAlertsInServerTests
{
    // A Monday, 10:00 UTC.
    private static readonly DateTimeOffset BaselineHour = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BurstWeek = BaselineHour.AddDays(7);
    private static readonly DateTimeOffset BurstStart = BurstWeek.AddMinutes(10);
    private const int UsualPerMinute = 3;

    [Fact]
    public async Task Serve_FiveFoldBurstOnLearntHour_OneSpikeAlertWithinTwoMinutesSurvivesRestartsAndResolves()
    {
        var pagerDuty = new ConcurrentQueue<JsonElement>();
        await using var receiver = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            pagerDuty.Enqueue(JsonDocument.Parse(body.ToArray()).RootElement.Clone());
            context.Response.StatusCode = 202;
        });
        var time = new ManualTimeProvider(BaselineHour.AddSeconds(1));
        var folder = Directory.CreateTempSubdirectory("socialsla-spikes-").FullName;
        void Configure(ServerOptions options) => options.Sinks =
        [
            // Only spike alerts, so the cases these mentions open (and breach) do not fill the sinks.
            new SinkOptions { Type = "jsonl", Path = "alerts.jsonl", Levels = ["volumeSpike", "negativeSurge"] },
            new SinkOptions { Type = "pagerduty", Name = "oncall", RoutingKey = "R0UTINGKEY", Url = new Uri(receiver.BaseUrl, "v2/enqueue").ToString(), Levels = ["volumeSpike"] },
        ];
        var id = 0;

        // Week 1: Monday 10:00-11:00 at 3 a minute; the hour is folded into the baseline when 11:00 closes.
        var server = await TestServer.StartAsync(time, Configure, folder: folder);
        await RunMinutesAsync(server, time, 60, _ => UsualPerMinute, () => id++);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitEvaluatedAsync(server, time);
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM alerts WHERE id LIKE 'spike/%'"));
        await server.StopKeepingFolderAsync();

        // Week 2, after a restart (the baseline comes back from SQLite): 10 usual minutes, 10 at 5×, then usual again.
        time.Advance(BurstWeek.AddSeconds(1) - time.GetUtcNow());
        server = await TestServer.StartAsync(time, Configure, folder: folder);
        await RunMinutesAsync(server, time, 13, m => m < 10 ? UsualPerMinute : 5 * UsualPerMinute, () => id++);
        var kpis = await server.SendAsync(HttpMethod.Get, "/api/kpis");
        Assert.Equal(HttpStatusCode.OK, kpis.Status);
        var stream = Assert.Single(kpis.Body.GetProperty("spikes").GetProperty("streams").EnumerateArray());
        Assert.Equal("x:ContosoCoffee", stream.GetProperty("account").GetString());
        Assert.Equal("mention", stream.GetProperty("channel").GetString());
        Assert.Equal(10, stream.GetProperty("hourOfWeek").GetInt32()); // Monday 10:00-11:00 UTC
        Assert.Equal(3.0, stream.GetProperty("baselinePerMinute").GetDouble());
        Assert.Equal(15.0, stream.GetProperty("currentPerMinute").GetDouble());
        Assert.True(stream.GetProperty("volumeSpike").GetBoolean());

        // A restart in the middle of the spike: it is still on, and not announced again.
        await server.StopKeepingFolderAsync();
        server = await TestServer.StartAsync(time, Configure, folder: folder);
        await using var last = server;
        await RunMinutesAsync(server, time, 22, m => m < 7 ? 5 * UsualPerMinute : UsualPerMinute, () => id++);

        var spikes = ReadSpikeLines(server.AlertsFile);
        await WaitUntilAsync(() => pagerDuty.Count >= 2 && ReadSpikeLines(server.AlertsFile).Count >= 2);
        spikes = ReadSpikeLines(server.AlertsFile);
        Assert.Equal(["started", "resolved"], spikes.Select(s => s.GetProperty("status").GetString()));
        var started = spikes[0];
        Assert.Equal("volumeSpike", started.GetProperty("kind").GetString());
        var raisedAt = DateTimeOffset.Parse(started.GetProperty("raisedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(raisedAt, BurstStart, BurstStart.AddMinutes(2));
        Assert.Equal(3.0, started.GetProperty("baselinePerMinute").GetDouble());
        Assert.True(started.GetProperty("currentPerMinute").GetDouble() >= 12);
        var resolvedAt = DateTimeOffset.Parse(spikes[1].GetProperty("resolvedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resolvedAt, BurstStart.AddMinutes(10), BurstStart.AddMinutes(25));
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM alerts WHERE id LIKE 'spike/%'"));

        // PagerDuty: one incident, triggered then resolved.
        Assert.Equal(2, pagerDuty.Count);
        var events = pagerDuty.ToArray();
        Assert.Equal(["trigger", "resolve"], events.Select(e => e.GetProperty("event_action").GetString()));
        Assert.Equal(events[0].GetProperty("dedup_key").GetString(), events[1].GetProperty("dedup_key").GetString());
        Assert.Equal("R0UTINGKEY", events[0].GetProperty("routing_key").GetString());
        Assert.Equal("x:ContosoCoffee", events[0].GetProperty("payload").GetProperty("source").GetString());

        // The alert API lists both with their deliveries.
        var listed = await server.SendAsync(HttpMethod.Get, "/api/alerts");
        var spikeAlerts = listed.Body.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("id").GetString()!.StartsWith("spike/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, spikeAlerts.Count);
        Assert.All(spikeAlerts, a => Assert.Equal(2, a.GetProperty("deliveries").GetArrayLength()));
    }

    /// <summary>Runs <paramref name="minutes"/> minutes from the clock's minute (the clock a second into it): each
    /// minute's mentions posted and applied, then the clock moved a second past the minute's end (the engine sleeps a
    /// millisecond past a due instant) and the engine's evaluation of it awaited.</summary>
    private static async Task RunMinutesAsync(TestServer server, ManualTimeProvider time, int minutes, Func<int, int> perMinute, Func<int> nextId)
    {
        for (var m = 0; m < minutes; m++)
        {
            var minute = time.GetUtcNow().AddSeconds(-1);
            var count = perMinute(m);
            var lines = Enumerable.Range(0, count)
                .Select(i => TestServer.Mention("s" + nextId(), minute.AddSeconds(1 + i * 57.0 / count), author: (300000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToArray();
            time.Advance(TimeSpan.FromSeconds(58));
            using (var response = await server.PostMentionsAsync(time.GetUtcNow(), lines)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await server.WaitProcessedAsync();
            time.Advance(TimeSpan.FromSeconds(2));
            await WaitEvaluatedAsync(server, time);
        }
    }

    private static async Task WaitEvaluatedAsync(TestServer server, ManualTimeProvider time)
    {
        var now = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow());
        // The engine may have read the clock just before the test moved it and be asleep until a later instant: move it
        // on a millisecond now and then (the mentions' minutes are unaffected).
        await WaitUntilAsync(() => server.Engine.Spikes.At >= now && server.Engine.Status.LastCommitAt >= now,
            () => $"clock {now}, spikes evaluated at {server.Engine.Spikes.At}, last commit {server.Engine.Status.LastCommitAt}",
            () => time.Advance(TimeSpan.FromMilliseconds(1)));
    }

    private static List<JsonElement> ReadSpikeLines(string path) =>
        File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).Where(e => e.TryGetProperty("spike", out _))]
            : [];

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? describe = null, Action? nudge = null)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var polls = 1; !condition(); polls++)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not hold in time: " + describe?.Invoke());
            if (polls % 20 == 0) nudge?.Invoke();
            await Task.Delay(10);
        }
    }
}
