using System.Net;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Personal data in a delivered message is masked before the engine stores its text, quotes it in the case
/// excerpt or puts it in an alert (issue 5, item 7); <c>maskPii: false</c> keeps it.</summary>
public sealed class PiiMaskingInServerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string Text = "@ContosoCoffee my card 4111 1111 1111 1111 was charged twice, mail jane.doe@example.com or call +44 20 7946 0958 (order #778812)";
    private const string Masked = "@ContosoCoffee my card [card] was charged twice, mail [email] or call [phone] (order #778812)";

    private static async Task<(string Stored, string Excerpt, string AlertExcerpt)> DeliverAsync(Action<SocialSla.Standalone.Server.Configuration.ServerOptions>? configure)
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, configure);
        using (var response = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("100", T0, text: Text)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
        time.Advance(TimeSpan.FromMinutes(40)); // past the warning of the one-hour public target
        await server.WaitProcessedAsync();
        var body = (await server.SendAsync(HttpMethod.Get, "/api/cases/x:ContosoCoffee:100")).Body;
        var alerts = await WaitForAlertsAsync(server);
        return (body.GetProperty("messages")[0].GetProperty("text").GetString()!, body.GetProperty("excerpt").GetString()!, alerts);
    }

    private static async Task<string> WaitForAlertsAsync(TestServer server)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var alerts = (await server.SendAsync(HttpMethod.Get, "/api/alerts?status=all")).Body.GetProperty("alerts");
            if (alerts.GetArrayLength() > 0) return alerts[0].GetProperty("excerpt").GetString()!;
            await Task.Delay(50);
        }
        throw new TimeoutException("No alert was raised.");
    }

    [Fact]
    public async Task Deliver_ByDefault_StoresAndAlertsMaskedText()
    {
        var (stored, excerpt, alert) = await DeliverAsync(null);
        Assert.Equal(Masked, stored);
        Assert.Equal(Masked, excerpt);
        Assert.Equal(Masked, alert);
    }

    [Fact]
    public async Task Deliver_MaskPiiOff_KeepsTheText()
    {
        var (stored, excerpt, _) = await DeliverAsync(o => o.MaskPii = false);
        Assert.Equal(Text, stored);
        Assert.Equal(Text, excerpt);
    }
}
