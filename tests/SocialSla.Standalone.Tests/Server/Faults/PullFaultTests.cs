using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;
using static SocialSla.Standalone.Tests.Server.Faults.FaultChecks;

namespace SocialSla.Standalone.Tests.Server.Faults;

/// <summary>Issue 8's failing pull sources, on a real server with a clock the test moves: a feed that answers garbage
/// and an X search that answers 429 with <c>Retry-After</c> back off (the limited one not before the time it asked
/// for), keep no cursor and store nothing, while a healthy feed keeps being polled on its interval with each of its
/// items stored once; <c>/healthz</c> names the sources backing off, and a source that recovers is taken again.</summary>
public sealed class PullFaultTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A forum feed that gains an item per poll and keeps the older ones (as real feeds do).</summary>
    private static string FeedWith(int items)
    {
        var entries = string.Concat(Enumerable.Range(1, items).Select(i =>
            $"<item><title>Contoso order {i} never came?</title><guid>https://forum.example/t/{i}</guid>" +
            $"<pubDate>{T0.AddHours(-1).AddMinutes(i).ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}</pubDate></item>"));
        return $"""<?xml version="1.0"?><rss version="2.0"><channel><title>forum</title>{entries}</channel></rss>""";
    }

    [Fact]
    public async Task A_source_answering_garbage_or_429_backs_off_while_the_others_keep_going_and_nothing_is_lost_or_doubled()
    {
        var time = new ManualTimeProvider(T0);
        var goodPolls = 0;
        var garbagePolls = 0;
        var limitedPolls = 0;
        var garbageRecovered = false;
        await using var sources = await LoopbackServer.StartAsync(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/good.xml":
                    var n = Interlocked.Increment(ref goodPolls);
                    context.Response.ContentType = "application/rss+xml";
                    await context.Response.WriteAsync(FeedWith(n));
                    break;
                case "/garbage.xml":
                    Interlocked.Increment(ref garbagePolls);
                    context.Response.ContentType = "application/rss+xml";
                    await context.Response.WriteAsync(Volatile.Read(ref garbageRecovered) ? FeedWith(1).Replace("forum.example/t/", "garbage.example/t/", StringComparison.Ordinal) : "<rss><channel><item><title>\u0000{{{ not a feed");
                    break;
                default: // the X search
                    Interlocked.Increment(ref limitedPolls);
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = "600";
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""{"title":"Too Many Requests","status":429}""");
                    break;
            }
        });
        await using var server = await TestServer.StartAsync(time, options =>
        {
            options.Accounts.Add(new AccountOptions { Account = "rss:ContosoCoffee", PlatformUserId = "forum" });
            options.Pulls =
            [
                new PullOptions { Name = "good", Kind = "rss", Url = new Uri(sources.BaseUrl, "good.xml").ToString(), Account = "rss:ContosoCoffee", IntervalSeconds = 60 },
                new PullOptions { Name = "garbage", Kind = "rss", Url = new Uri(sources.BaseUrl, "garbage.xml").ToString(), Account = "rss:ContosoCoffee", IntervalSeconds = 60 },
                new PullOptions { Name = "limited", Kind = "x", Url = new Uri(sources.BaseUrl, "x/").ToString(), Query = "contoso", Account = "x:ContosoCoffee",
                    BrandId = TestServer.XUserId, Credential = "x-bearer-for-tests", IntervalSeconds = 60 },
            ];
        });

        async Task<System.Text.Json.JsonElement> PullAsync(string source) => Component((await HealthAsync(server)).Body, "pulls", source);
        await WaitUntilAsync(async () => (await PullAsync("garbage")).GetProperty("consecutiveFailures").GetInt32() == 1
            && (await PullAsync("limited")).GetProperty("consecutiveFailures").GetInt32() == 1
            && (await PullAsync("good")).TryGetProperty("lastSuccess", out _), "the first poll of every source");
        var limited = await PullAsync("limited");
        Assert.Equal("backing off", limited.GetProperty("status").GetString());
        Assert.True(limited.GetProperty("nextAttempt").GetDateTimeOffset() >= T0.AddSeconds(600), $"The limited source is polled again before its Retry-After: {limited}");
        Assert.Equal("backing off", (await PullAsync("garbage")).GetProperty("status").GetString());

        // Nine minutes on the server's clock, a minute at a time: the good feed is polled every minute.
        for (var minute = 1; minute <= 9; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var expected = minute + 1;
            await WaitUntilAsync(() => Volatile.Read(ref goodPolls) >= expected, $"poll {expected} of the good feed");
        }
        await WaitUntilAsync(() => Volatile.Read(ref garbagePolls) >= 3, "the garbage source is retried");
        Assert.Equal(1, Volatile.Read(ref limitedPolls)); // not before the 600 s it asked for
        // Backoff from 30 s, doubling (less jitter): attempts near 0, 0.5, 1.5, 3.5 and 7.5 minutes, never every minute.
        Assert.InRange(Volatile.Read(ref garbagePolls), 3, 6);
        var (status, health) = await HealthAsync(server);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("ok", Component(health, "pulls", "good", "status").GetString());
        Assert.False(string.IsNullOrEmpty(Component(health, "pulls", "garbage", "lastError").GetString()));
        Assert.DoesNotContain("x-bearer-for-tests", health.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM cursors WHERE source IN ('garbage', 'limited')"));

        // Past the Retry-After the limited source is asked again; the garbage source, repaired, is taken at its next
        // attempt (at the latest 16 minutes in: backoff 30 s, 1, 2, 4 and 8 minutes).
        Volatile.Write(ref garbageRecovered, true);
        for (var i = 0; i < 12 && (Volatile.Read(ref limitedPolls) < 2 || server.Scalar("SELECT count(*) FROM cursors WHERE source = 'garbage'") == 0); i++)
        {
            var expected = Volatile.Read(ref goodPolls) + 1;
            time.Advance(TimeSpan.FromMinutes(1));
            await WaitUntilAsync(() => Volatile.Read(ref goodPolls) >= expected, "the good feed's next poll");
        }
        await WaitUntilAsync(() => Volatile.Read(ref limitedPolls) >= 2, "the limited source is asked again after its Retry-After");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM cursors WHERE source = 'garbage'") == 1, "the repaired source is taken");
        await WaitUntilAsync(async () => (await PullAsync("garbage")).GetProperty("status").GetString() == "ok", "healthz shows the repaired source ok");

        // Every item of the good feed once (it repeated the older ones on every poll), and the repaired one's item.
        var items = Volatile.Read(ref goodPolls);
        await server.WaitProcessedAsync();
        var expectedIds = Enumerable.Range(1, items).Select(i => $"rss:https://forum.example/t/{i}").Append("rss:https://garbage.example/t/1").ToList();
        var stored = new List<string>();
        using (var connection = server.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM messages";
            using var reader = command.ExecuteReader();
            while (reader.Read()) stored.Add(reader.GetString(0));
        }
        Assert.Equal(expectedIds.Order(), stored.Order());
        var (_, kpis) = await server.SendAsync(HttpMethod.Get, "/api/kpis");
        Assert.Equal(expectedIds.Count, kpis.GetProperty("total").GetProperty("mentions").GetProperty("received").GetInt64());
        Assert.Equal(expectedIds.Count, server.Scalar("SELECT value FROM counters WHERE name = 'mentions'"));
    }

    [Fact]
    public async Task A_page_pulled_while_the_inbox_is_locked_is_not_stored_its_cursor_stays_and_the_next_run_stores_it_once()
    {
        var time = new ManualTimeProvider(T0);
        var polls = 0;
        await using var feed = await LoopbackServer.StartAsync(async context =>
        {
            var n = Interlocked.Increment(ref polls);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(FeedWith(n));
        });
        await using var server = await TestServer.StartAsync(time, options =>
        {
            options.StorageBusyTimeoutSeconds = 1;
            options.Accounts.Add(new AccountOptions { Account = "rss:ContosoCoffee", PlatformUserId = "forum" });
            options.Pulls = [new PullOptions { Name = "forum", Kind = "rss", Url = new Uri(feed.BaseUrl, "feed.xml").ToString(), Account = "rss:ContosoCoffee", IntervalSeconds = 60 }];
        });
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM cursors WHERE source = 'forum'") == 1, "the first page is stored");
        string Cursor()
        {
            using var connection = server.Database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT cursor FROM cursors WHERE source = 'forum'";
            return (string)command.ExecuteScalar()!;
        }
        var cursor = Cursor();
        var inboxRows = server.Scalar("SELECT count(*) FROM inbox");

        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.Database.InboxPath};Pooling=False"))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }
            time.Advance(TimeSpan.FromMinutes(1)); // the second poll: items 1 and 2, which cannot be stored
            await WaitUntilAsync(async () => Component((await HealthAsync(server)).Body, "pulls", "forum", "consecutiveFailures").GetInt32() == 1, "the run fails");
            Assert.Equal(2, Volatile.Read(ref polls));
            Assert.Equal(cursor, Cursor());
            Assert.Equal(inboxRows, server.Scalar("SELECT count(*) FROM inbox"));
            var (status, health) = await HealthAsync(server);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status); // the inbox takes nothing: neither pages nor webhooks
            Assert.Equal("failing", Component(health, "storage", "inbox", "status").GetString());
            Assert.Equal("backing off", Component(health, "pulls", "forum", "status").GetString());
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        // The backoff's next run (30 s at most) stores items 1 to 3: item 2, pulled while the inbox was locked, once.
        await WaitUntilAsync(() => Volatile.Read(ref polls) >= 3, "the source is polled again after its backoff", step: () => time.Advance(TimeSpan.FromSeconds(5)));
        await WaitUntilAsync(async () => Component((await HealthAsync(server)).Body, "pulls", "forum", "status").GetString() == "ok", "the source recovers");
        // Each poll's feed has one item more than the last: once the engine has caught up, the items are the polls.
        await WaitUntilAsync(async () =>
        {
            var items = Volatile.Read(ref polls);
            await server.WaitProcessedAsync();
            return server.Scalar("SELECT count(*) FROM messages") == items;
        }, "every item pulled is stored");
        var stored = server.Scalar("SELECT count(*) FROM messages");
        Assert.Equal(stored, server.Scalar("SELECT value FROM counters WHERE name = 'mentions'"));
        var (_, kpis) = await server.SendAsync(HttpMethod.Get, "/api/kpis");
        Assert.Equal(stored, kpis.GetProperty("total").GetProperty("mentions").GetProperty("received").GetInt64());
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM messages WHERE id = 'rss:https://forum.example/t/2'"));
    }
}
