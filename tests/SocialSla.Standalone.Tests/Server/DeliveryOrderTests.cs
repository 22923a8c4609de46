using System.Net;
using System.Text.Json;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Deliveries are at least once and out of order: repeating or reordering them changes nothing.</summary>
public sealed class DeliveryOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    // A conversation: customer → brand reply → customer follow-up → brand reply, plus a second customer's DM.
    private static readonly string[] Conversation =
    [
        TestServer.Mention("100", T0),
        TestServer.Mention("101", T0.AddMinutes(20), fromBrand: true, parent: "100"),
        TestServer.Mention("102", T0.AddMinutes(30), parent: "101", text: "still nothing"),
        TestServer.Mention("103", T0.AddMinutes(34), fromBrand: true, parent: "102"),
        TestServer.Mention("200", T0.AddMinutes(5), channel: "dm", thread: "pair", author: "300"),
        TestServer.Mention("201", T0.AddMinutes(9), fromBrand: true, channel: "dm", thread: "pair"),
    ];

    [Fact]
    public async Task Redelivered_and_reordered_webhooks_end_in_the_same_cases_and_kpis()
    {
        var inOrder = await FinalStateAsync(Conversation.Select((line, i) => (At: Minutes(i), Lines: new[] { line })).OrderBy(d => d.At).ToList());
        var messy = await FinalStateAsync(
        [
            (5, [Conversation[4]]),
            (9, [Conversation[5], Conversation[4]]),                   // redelivered with the next one
            (20, [Conversation[1], Conversation[0]]),                  // the reply overtakes the message it answers
            (21, [Conversation[0], Conversation[4]]),                  // redelivered
            (34, [Conversation[3], Conversation[2]]),                  // reversed
            (40, [Conversation[3], Conversation[2], Conversation[5]]), // all redelivered
        ]);

        Assert.Equal(inOrder.Kpis, messy.Kpis);
        Assert.Equal(inOrder.Cases, messy.Cases);
        Assert.Contains("\"cases\":2", inOrder.Kpis, StringComparison.Ordinal);
        Assert.Contains("\"received\":6", inOrder.Kpis, StringComparison.Ordinal);
    }

    private static readonly double[] CreatedMinutes = [0, 20, 30, 34, 5, 9];

    private static double Minutes(int message) => CreatedMinutes[message];

    /// <summary>Delivers each group as one webhook at its minute after T0 (the server's clock moves there first), then
    /// lets the clock run on two days; returns the KPI total and the case list as JSON text.</summary>
    private static async Task<(string Kpis, string Cases)> FinalStateAsync(List<(double At, string[] Lines)> deliveries)
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time);
        foreach (var (at, lines) in deliveries)
        {
            var wait = T0.AddMinutes(at) - time.GetUtcNow();
            if (wait > TimeSpan.Zero) time.Advance(wait);
            using var response = await server.PostMentionsAsync(time.GetUtcNow(), lines);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await server.WaitProcessedAsync();
        }
        for (var hour = 0; hour < 48; hour++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(10);
        }
        await server.WaitProcessedAsync();
        var kpis = (await server.SendAsync(HttpMethod.Get, "/api/kpis")).Body.GetProperty("total").GetRawText();
        var cases = (await server.SendAsync(HttpMethod.Get, "/api/cases?state=all")).Body.GetProperty("cases").EnumerateArray()
            .Select(c => $"{c.GetProperty("id").GetString()} {c.GetProperty("status").GetString()} {c.GetProperty("openedAt").GetString()}")
            .Order(StringComparer.Ordinal);
        return (kpis, string.Join("\n", cases));
    }
}
