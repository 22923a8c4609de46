using System.Text;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8, through the real server and SQLite file: a pulled feed that is hostile (a billion-laughs DTD, an
/// external entity, 100,000 levels of elements, invalid UTF-8, not XML) is a failed poll that the health report shows,
/// and it stores nothing: no inbox row, no message, no cursor.</summary>
public sealed class HostilePullTests
{
    public static TheoryData<string> Bodies() =>
    [
        "laughs", "external-entity", "deep", "invalid-utf8", "not-xml",
    ];

    private static byte[] Body(string kind) => kind switch
    {
        "laughs" => Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"> ]>
            <rss version="2.0"><channel><item><guid>g1</guid><title>&d;&d;&d;&d;</title></item></channel></rss>
            """),
        "external-entity" => Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>
            <rss version="2.0"><channel><item><guid>g1</guid><title>&x;</title></item></channel></rss>
            """),
        "deep" => Encoding.ASCII.GetBytes("<rss version=\"2.0\"><channel><item><guid>g1</guid><description>"
            + string.Concat(Enumerable.Repeat("<b>", 100_000)) + string.Concat(Enumerable.Repeat("</b>", 100_000))
            + "</description></item></channel></rss>"),
        "invalid-utf8" => [.. "<rss version=\"2.0\"><channel><item><guid>g1</guid><title>"u8, 0xFF, 0xFE, .. "</title></item></channel></rss>"u8],
        _ => "{\"this is\": \"json\"}"u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_feed_is_a_failed_poll_that_stores_nothing(string kind)
    {
        var body = Body(kind);
        var polls = 0;
        await using var source = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref polls);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(body);
        });
        await using var server = await TestServer.StartAsync(TimeProvider.System, options =>
        {
            options.Accounts.Add(new AccountOptions { Account = "rss:ContosoCoffee", PlatformUserId = "forum" });
            options.Pulls = [new PullOptions { Name = "forum", Kind = "rss", Url = new Uri(source.BaseUrl, "feed.xml").ToString(), Account = "rss:ContosoCoffee", IntervalSeconds = 10 }];
        });

        // Wait for the recorded outcome of the poll (the health report's failure count), not merely for the request.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var failures = 0;
        while (DateTime.UtcNow < until)
        {
            var (_, health) = await server.SendAsync(HttpMethod.Get, "/healthz", token: null);
            if (health.GetProperty("components").GetProperty("pulls").TryGetProperty("forum", out var forum)
                && (failures = forum.GetProperty("consecutiveFailures").GetInt32()) > 0)
                break;
            await Task.Delay(50);
        }

        Assert.True(failures > 0, $"the poll of a '{kind}' feed was not recorded as failed ({polls} requests)");
        await server.WaitProcessedAsync();
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM inbox"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM cursors"));
    }
}
