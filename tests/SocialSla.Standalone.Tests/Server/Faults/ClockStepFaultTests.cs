using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Tests.Pulls;
using static SocialSla.Standalone.Tests.Server.Faults.FaultChecks;

namespace SocialSla.Standalone.Tests.Server.Faults;

/// <summary>Issue 8's wall clock stepping backwards and forwards under a real server, on a fake clock that behaves like
/// a machine's (timers on a monotonic clock, the wall clock set by NTP or an operator): no alert fires before its
/// threshold by the server's clock, none fires twice however often the clock goes back and forth, none is lost after
/// a forward jump, and the KPIs count each message and alert once.</summary>
public sealed class ClockStepFaultTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan EngineLongestSleep = TimeSpan.FromSeconds(30);

    private sealed record Alert(string Id, string Case, string Kind, DateTimeOffset ThresholdAt, DateTimeOffset RaisedAt);

    private static List<Alert> Alerts(TestServer server)
    {
        using var connection = server.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, case_id, kind, body FROM alerts";
        using var reader = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read())
        {
            var body = JsonDocument.Parse((byte[])reader[3]).RootElement;
            alerts.Add(new Alert(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                body.GetProperty("thresholdAt").GetDateTimeOffset(), body.GetProperty("raisedAt").GetDateTimeOffset()));
        }
        return alerts;
    }

    /// <summary>Lets the engine wake (its longest sleep) a few times on the monotonic clock.</summary>
    private static async Task RunOnAsync(ManualTimeProvider time, int sleeps)
    {
        for (var i = 0; i < sleeps; i++)
        {
            time.Advance(EngineLongestSleep);
            await Task.Delay(50);
        }
    }

    private static async Task PostAsync(TestServer server, ManualTimeProvider time, int n, DateTimeOffset createdAt)
    {
        // Signed with the server's (stepped) wall clock, as a platform whose clock agrees would within tolerance.
        using var response = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention($"{n}", createdAt, channel: "dm", thread: $"pair-{n}", author: $"{900 + n}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
    }

    [Fact]
    public async Task Stepping_the_wall_clock_back_and_forth_fires_no_alert_early_none_twice_and_loses_none()
    {
        var time = new ManualTimeProvider(T0, fakeTimestamps: true);
        await using var server = await TestServer.StartAsync(time);
        await PostAsync(server, time, 1, T0); // 15-minute target: warning at 7.5, at risk at 12, breached at 15 minutes

        // 1. Seven minutes pass, then the wall clock is set back an hour and another minute passes (8 minutes of
        // real time since the message, but the server's clock reads 52 minutes before it).
        time.Advance(TimeSpan.FromMinutes(7));
        time.Step(TimeSpan.FromHours(-1));
        time.Advance(TimeSpan.FromMinutes(1));
        // A message arrives while the clock is behind: created (by the platform) at T0 + 8 min.
        await PostAsync(server, time, 2, T0.AddMinutes(8));
        await RunOnAsync(time, 4);
        Assert.Empty(Alerts(server)); // by the server's clock no threshold has passed

        // 2. The clock is set right (T0 + 10.5 min): case 1's warning fires, once, after its threshold.
        time.Step(TimeSpan.FromHours(1));
        await RunOnAsync(time, 1);
        await WaitUntilAsync(() => Alerts(server).Count == 1, "case 1's warning after the clock is set right");
        var warning = Assert.Single(Alerts(server));
        Assert.Equal("warning", warning.Kind);
        Assert.Equal(T0.AddMinutes(7.5), warning.ThresholdAt);

        // 3. The wall clock jumps an hour ahead: every threshold it skipped fires, each once (none is lost).
        time.Step(TimeSpan.FromHours(1));
        await RunOnAsync(time, 1);
        await WaitUntilAsync(() => Alerts(server).Count == 6, "every threshold passed in the jump");

        // 4. Back two hours, on for a while, forward again: nothing fires again.
        time.Step(TimeSpan.FromHours(-2));
        await RunOnAsync(time, 4);
        time.Step(TimeSpan.FromHours(2));
        await RunOnAsync(time, 4);
        var clock = time.GetUtcNow();
        await server.WaitProcessedAsync();

        var alerts = Alerts(server);
        Assert.Equal(6, alerts.Count);
        foreach (var (caseNumber, created) in new[] { (1, T0), (2, T0.AddMinutes(8)) })
        {
            var ofCase = alerts.Where(a => a.Case.EndsWith($"pair-{caseNumber}", StringComparison.Ordinal)).ToList();
            Assert.Equal(["atRisk", "breached", "warning"], ofCase.Select(a => a.Kind).Order());
            Assert.Equal(created.AddMinutes(7.5), ofCase.Single(a => a.Kind == "warning").ThresholdAt);
            Assert.Equal(created.AddMinutes(12), ofCase.Single(a => a.Kind == "atRisk").ThresholdAt);
            Assert.Equal(created.AddMinutes(15), ofCase.Single(a => a.Kind == "breached").ThresholdAt);
        }
        // Never raised before its threshold by the server's own clock at the time.
        Assert.All(alerts, a => Assert.True(a.RaisedAt > a.ThresholdAt, $"{a.Id} raised at {a.RaisedAt:O}, threshold {a.ThresholdAt:O}"));
        Assert.True(clock > alerts.Max(a => a.RaisedAt));
        await AssertEachAcknowledgedMessageOnceAsync(server, ["x:1", "x:2"]);
        await AssertNoDuplicateAlertAsync(server);
    }
}
