using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>A configured pull source feeds the same pipeline as the webhooks: its items become cases, its cursor is
/// stored with them, and a second poll answered 304 adds nothing.</summary>
public sealed class PullIntegrationTests
{
    [Fact]
    public async Task An_rss_source_is_polled_into_cases_and_its_cursor_is_stored()
    {
        var feed = File.ReadAllBytes(SharedData.ExampleOf("rss2_forum_feed.xml"));
        var polls = 0;
        await using var source = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref polls);
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(feed);
        });
        await using var server = await TestServer.StartAsync(TimeProvider.System, options =>
        {
            options.Accounts.Add(new AccountOptions { Account = "rss:ContosoCoffee", PlatformUserId = "forum" });
            options.Pulls = [new PullOptions { Name = "forum", Kind = "rss", Url = new Uri(source.BaseUrl, "feed.xml").ToString(), Account = "rss:ContosoCoffee", IntervalSeconds = 10 }];
        });

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (server.Scalar("SELECT count(*) FROM messages") == 0 && DateTime.UtcNow < until) await Task.Delay(50);
        await server.WaitProcessedAsync();

        var messages = server.Scalar("SELECT count(*) FROM messages");
        Assert.True(messages > 0, "no item of the feed reached the pipeline");
        Assert.Equal(messages, server.Scalar("SELECT count(*) FROM messages WHERE account = 'rss:ContosoCoffee'"));
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM cursors WHERE source = 'forum' AND cursor LIKE '%v1%'"));
        var (status, health) = await server.SendAsync(HttpMethod.Get, "/healthz", token: null);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(0, health.GetProperty("components").GetProperty("pulls").GetProperty("forum").GetProperty("consecutiveFailures").GetInt32());
    }
}
