using System.Net;
using SocialSla.Standalone.Tests.Pulls;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Raw envelopes are purged once processed and older than the retention; what they produced stays.</summary>
public sealed class EnvelopeRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Processed_envelopes_past_the_retention_are_purged_and_their_cases_stay()
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time, options => options.EnvelopeRetentionDays = 7);

        using (var old = await server.PostMentionsAsync(T0, TestServer.Mention("1", T0, text: "my order is late"))) Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await server.WaitProcessedAsync();
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM inbox"));

        time.Advance(TimeSpan.FromDays(6));
        var sixDays = time.GetUtcNow();
        using (var recent = await server.PostMentionsAsync(sixDays, TestServer.Mention("2", sixDays, author: "9", text: "still waiting"))) Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        await server.WaitProcessedAsync();
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM inbox")); // nothing is 7 days old yet

        time.Advance(TimeSpan.FromDays(1.5)); // the first is 7.5 days old, the second 1.5
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        // The purge's count is written just after its delete: wait for both.
        while (server.Scalar("SELECT count(*) FROM inbox") != 1 || server.Scalar("SELECT coalesce((SELECT value FROM counters WHERE name = 'envelopesPurged'), 0)") != 1)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The old envelope was not purged.");
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM inbox WHERE seq = 1"));
        Assert.Equal(1, server.Scalar("SELECT value FROM counters WHERE name = 'envelopesPurged'"));
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM cases"));

        // A redelivery of the purged envelope is still recognised as a duplicate (dedupe lives in the state, not the inbox).
        using (var again = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention("1", T0, text: "my order is late"))) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await server.WaitProcessedAsync();
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM messages"));
        Assert.True(server.Scalar("SELECT value FROM counters WHERE name = 'duplicates'") >= 1);
    }
}
