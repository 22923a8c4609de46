using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Alerts reach a sink within a second of their threshold: 1,000 open cases on staggered deadlines, real
/// clock, a signed webhook sink on loopback that records when each alert arrives.</summary>
[Collection(WallClockCollection.Name)]
public sealed class AlertTimelinessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Cases = 1_000;
    private const string Policy = """{ "rules": [ { "name": "short", "firstReply": "30s", "nextReply": "30s", "resolution": "off" } ] }""";
    private static readonly string SinkSecret = "whsec_" + Convert.ToBase64String("alert-sink-secret-0001"u8.ToArray());

    [Fact]
    public async Task The_99th_percentile_lateness_from_threshold_to_delivery_is_at_most_one_second()
    {
        var arrivals = new ConcurrentBag<(DateTimeOffset At, string Id, string Timestamp, string Signature, byte[] Body)>();
        await using var receiver = await LoopbackServer.StartAsync(async context =>
        {
            var at = DateTimeOffset.UtcNow;
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            arrivals.Add((at, context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await using var server = await TestServer.StartAsync(TimeProvider.System, options =>
        {
            options.Sinks = [new SinkOptions { Type = "webhook", Url = new Uri(receiver.BaseUrl, "alerts").ToString(), Secret = SinkSecret }];
            // Every alert's own delivery is what is timed here: 1,000 cases of one account at once would be a storm.
            options.Storm = new StormConfigOptions { Enabled = false };
        }, Policy);

        // Customer messages written 0–8 s ago: their warnings (15 s), at-risk (24 s) and breaches (30 s) fall over
        // the next 7–30 s, 3,000 alerts in all.
        var start = DateTimeOffset.UtcNow;
        var lines = Enumerable.Range(0, Cases).Select(i => TestServer.Mention($"{9000 + i}", start.AddMilliseconds(-8_000.0 * i / Cases), author: $"{500 + i}")).ToArray();
        foreach (var chunk in lines.Chunk(100))
        {
            using var response = await server.PostMentionsAsync(DateTimeOffset.UtcNow, chunk);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.True(DateTimeOffset.UtcNow - start < TimeSpan.FromSeconds(7), "Posting the cases took longer than the first threshold is away.");

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (arrivals.Count < 3 * Cases && DateTime.UtcNow < until) await Task.Delay(100);

        Assert.Equal(3 * Cases, arrivals.Select(a => a.Id).Distinct().Count());
        var lateness = arrivals
            .Select(a => (a.At - JsonDocument.Parse(a.Body).RootElement.GetProperty("thresholdAt").GetDateTimeOffset()).TotalSeconds)
            .Order().ToArray();
        var p99 = lateness[(int)Math.Ceiling(0.99 * lateness.Length) - 1];
        var raised = arrivals.Select(a => JsonDocument.Parse(a.Body).RootElement).Select(r => (r.GetProperty("raisedAt").GetDateTimeOffset() - r.GetProperty("thresholdAt").GetDateTimeOffset()).TotalSeconds).Order().ToArray();
        output.WriteLine($"engine lateness (raisedAt - thresholdAt): p50 {raised[raised.Length / 2] * 1000:0.0} ms, p99 {raised[(int)(0.99 * raised.Length)] * 1000:0.0} ms, max {raised[^1] * 1000:0.0} ms");
        output.WriteLine($"{lateness.Length} alerts: lateness p50 {lateness[lateness.Length / 2] * 1000:0.0} ms, p99 {p99 * 1000:0.0} ms, max {lateness[^1] * 1000:0.0} ms");
        Assert.True(lateness[0] > 0, $"An alert arrived {-lateness[0]:0.000} s before its threshold.");
        Assert.True(p99 <= 1.0, $"p99 lateness {p99:0.000} s (median {lateness[lateness.Length / 2]:0.000} s, max {lateness[^1]:0.000} s).");
        // Receivers can verify every delivery, and the webhook id is the alert id they dedupe on.
        foreach (var (_, id, timestamp, signature, body) in arrivals.Take(50))
        {
            Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString(), id);
            Assert.Equal(WebhookSigning.Standard(id, long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), body, SinkSecret), signature);
        }
    }
}
