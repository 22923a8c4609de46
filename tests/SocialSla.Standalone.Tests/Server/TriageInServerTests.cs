using System.Net;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>With a <c>triage</c> section, the server's pipeline triages customer messages before their clocks:
/// thanks after a brand reply starts nothing; an urgent complaint gets the short target.</summary>
public sealed class TriageInServerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task PostAsync(TestServer server, ManualTimeProvider time, double minutes, string line)
    {
        var wait = T0.AddMinutes(minutes) - time.GetUtcNow();
        if (wait > TimeSpan.Zero) time.Advance(wait);
        using var response = await server.PostMentionsAsync(time.GetUtcNow(), line);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.WaitProcessedAsync();
    }

    [Fact]
    public async Task Thanks_after_a_brand_reply_starts_no_clock_and_an_urgent_complaint_gets_fifteen_minutes()
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, triage: "{}");

        // A public question: 1 h target. The brand answers; the customer says thanks.
        await PostAsync(server, time, 0, TestServer.Mention("100", T0, text: "@ContosoCoffee where is my order? it was due yesterday"));
        await PostAsync(server, time, 5, TestServer.Mention("101", T0.AddMinutes(5), fromBrand: true, parent: "100", text: "Checking now, sorry!"));
        await PostAsync(server, time, 6, TestServer.Mention("102", T0.AddMinutes(6), parent: "101", text: "thanks so much! 🙏"));
        // Another customer, publicly, with an urgent complaint: high/urgent priority takes the 15-minute target.
        await PostAsync(server, time, 7, TestServer.Mention("200", T0.AddMinutes(7), author: "300", text: "@ContosoCoffee I want a REFUND now, you charged me twice. Cancel my account or I call my lawyer"));

        var cases = (await server.SendAsync(HttpMethod.Get, "/api/cases?state=all")).Body.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!);
        var thanked = cases["x:ContosoCoffee:100"];
        var urgent = cases["x:ContosoCoffee:200"];

        // The thanks opened no next-reply clock: nothing is due on that case.
        Assert.False(thanked.TryGetProperty("nextThresholdAt", out _));
        Assert.Contains(urgent.GetProperty("priority").GetString(), new[] { "high", "urgent" });
        Assert.Equal(T0.AddMinutes(7 + 7.5), urgent.GetProperty("nextThresholdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Routing_tags_and_queue_appear_on_the_case_and_noise_counts_in_kpis_without_a_clock()
    {
        var time = new ManualTimeProvider(T0);
        const string triage = """
            { "routing": { "defaultQueue": "care", "rules": [
                { "name": "billing", "when": { "terms": ["refund*", "charged twice"] }, "tags": ["billing"], "queue": "billing-team" },
                { "name": "shipping", "when": { "terms": ["order", "delivery"] }, "tags": ["shipping"], "queue": "logistics" } ] } }
            """;
        await using var server = await TestServer.StartAsync(time, triage: triage);

        // First message routes to logistics; the second adds the billing tag but the case keeps its first named queue.
        await PostAsync(server, time, 0, TestServer.Mention("100", T0, text: "@ContosoCoffee where is my order? it was due yesterday"));
        await PostAsync(server, time, 1, TestServer.Mention("101", T0.AddMinutes(1), parent: "100", text: "and I want a refund for the delivery fee"));
        // Link spam from someone else: noise, counted, no clock.
        await PostAsync(server, time, 2, TestServer.Mention("200", T0.AddMinutes(2), author: "301",
            text: "@ContosoCoffee cheap followers http://a.example http://b.example http://c.example"));

        var routed = (await server.SendAsync(HttpMethod.Get, "/api/cases/x:ContosoCoffee:100")).Body;
        Assert.Equal(new[] { "shipping", "billing" }, routed.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal("logistics", routed.GetProperty("queue").GetString());
        Assert.Equal(2, routed.GetProperty("sentiment").GetProperty("messages").GetInt32());

        var spam = (await server.SendAsync(HttpMethod.Get, "/api/cases/x:ContosoCoffee:200")).Body;
        Assert.Equal("care", spam.GetProperty("queue").GetString());
        Assert.Empty(spam.GetProperty("tags").EnumerateArray());
        Assert.False(spam.TryGetProperty("nextThresholdAt", out _));
        Assert.Empty(spam.GetProperty("clocks").EnumerateArray());

        var mentions = (await server.SendAsync(HttpMethod.Get, "/api/kpis")).Body.GetProperty("total").GetProperty("mentions");
        Assert.Equal(3, mentions.GetProperty("customer").GetInt64());
        Assert.Equal(1, mentions.GetProperty("noise").GetInt64());
        Assert.Equal(2, mentions.GetProperty("actionable").GetInt64());
    }
}
