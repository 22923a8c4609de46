using System.Net;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>A source over its configured rate gets 429 with Retry-After and nothing is stored; other sources and the
/// same source after the wait are served.</summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Over_the_limit_a_source_gets_429_with_retry_after_and_nothing_is_stored()
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, options => options.WebhookRateLimit = new RateLimitOptions { PerSecond = 0.5, Burst = 2 });

        using (var first = await server.PostMentionsAsync(T0, TestServer.Mention("1", T0))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await server.PostMentionsAsync(T0, TestServer.Mention("2", T0))) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using (var third = await server.PostMentionsAsync(T0, TestServer.Mention("3", T0)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), third.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM inbox"));

        // Another source has its own budget: the X route is not configured in the test server, so it answers 404, not 429.
        using (var other = await server.Client.PostAsync("/api/webhooks/x", new StringContent("{}"))) Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);

        time.Advance(TimeSpan.FromSeconds(2));
        using (var later = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("3", T0))) Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(3, server.Scalar("SELECT count(*) FROM inbox"));
    }
}
