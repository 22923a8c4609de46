using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The reply-window alert through the real server (issue #6 item 5): an unanswered Messenger DM alerts the
/// policy's lead time before Meta's 24-hour window closes; an answered one does not.</summary>
public sealed class ReplyWindowAlertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static string MessengerDm(string id, DateTimeOffset at, string thread, bool fromBrand = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["platform"] = "messenger", ["account"] = "ContosoCoffee", ["channel"] = "dm", ["threadKey"] = thread,
            ["author"] = new Dictionary<string, object?> { ["id"] = fromBrand ? TestServer.PageId : "7000" + thread, ["handle"] = fromBrand ? "ContosoCoffee" : "dana" },
            ["fromBrand"] = fromBrand, ["text"] = fromBrand ? "happy to help" : "can you check my booking",
            ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    private static async Task AdvanceToAsync(TestServer server, ManualTimeProvider time, DateTimeOffset to)
    {
        time.Advance(to - time.GetUtcNow());
        var now = NodaTime.Instant.FromDateTimeOffset(to);
        await WaitUntilAsync(() => server.Engine.Status.NextWakeUp is not { } next || next > now, "the engine's due wake-ups");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE status = 'pending'") == 0, "the dispatcher");
    }

    [Fact]
    public async Task An_unanswered_messenger_dm_alerts_the_lead_time_before_the_window_closes_and_an_answered_one_does_not()
    {
        var time = new ManualTimeProvider(T0);
        await using var team = await AlertReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(time, options =>
        {
            options.Sinks = [new SinkOptions { Type = "slack", Name = "team", Url = team.Url.ToString(), Levels = ["replyWindowClosing"] }];
            options.PublicUrl = "https://sla.example.com/board";
        }, policy: """{ "replyWindowLead": "2h" }""");

        using (var response = await server.PostMentionsAsync(time.GetUtcNow(),
            MessengerDm("m1", T0, "t1"), MessengerDm("m2", T0, "t2"), MessengerDm("m3", T0.AddHours(1), "t2", fromBrand: true)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.WaitProcessedAsync();

        await AdvanceToAsync(server, time, T0.AddHours(22).AddMinutes(-1));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM alerts WHERE kind = 'replyWindowClosing'"));
        Assert.Empty(team.Requests);

        await AdvanceToAsync(server, time, T0.AddHours(22).AddMinutes(1));
        await WaitUntilAsync(() => team.Bodies.Count == 1, "the reply-window alert");
        var alert = Assert.Single((await server.SendAsync(HttpMethod.Get, "/api/alerts")).Body.GetProperty("alerts").EnumerateArray(),
            a => a.GetProperty("kind").GetString() == "replyWindowClosing");
        Assert.Equal("messenger:ContosoCoffee", alert.GetProperty("account").GetString());
        Assert.Equal("replyWindow", alert.GetProperty("clock").GetString());
        Assert.Equal(T0.AddHours(22), alert.GetProperty("thresholdAt").GetDateTimeOffset());
        Assert.Equal(T0.AddHours(24), alert.GetProperty("dueAt").GetDateTimeOffset());
        var message = team.Bodies.Single();
        Assert.StartsWith("Reply window closing", message.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("1h 59m left", message.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Past the window: still the one alert, for the unanswered DM only.
        await AdvanceToAsync(server, time, T0.AddHours(30));
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM alerts WHERE kind = 'replyWindowClosing'"));
        Assert.Single(team.Requests);
    }
}
