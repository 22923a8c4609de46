using System.Net;
using Microsoft.Data.Sqlite;
using SocialSla.Standalone.Tests.Pulls;
using static SocialSla.Standalone.Tests.Server.Faults.FaultChecks;

namespace SocialSla.Standalone.Tests.Server.Faults;

/// <summary>Issue 8's storage faults on a real server and SQLite files: another connection holding a file's write
/// lock (SQLite busy), and a full disk (SQLite's <c>max_page_count</c> on every connection of the server, the files
/// filled to it by another writer). Webhooks wait and succeed, or get 503 with <c>Retry-After</c> and nothing is
/// stored; the engine's batches are never half applied; everything recovers, with no acknowledged message lost, none
/// counted twice, no duplicate alert; <c>/healthz</c> says which part fails.</summary>
public sealed class StorageFaultTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A customer's DM in a conversation of its own (15-minute target: warning at 7.5 minutes), with a long
    /// text so that storing it always needs new pages (an overflow page), whatever room is left in existing ones.</summary>
    private static string Dm(int n, DateTimeOffset at) =>
        TestServer.Mention($"{n}", at, channel: "dm", thread: $"pair-{n}", author: $"{700 + n}", text: $"order {n} is late. " + new string('x', 6000));

    /// <summary>A raw connection to one file, as another process (a backup, the sqlite3 shell) would open it.</summary>
    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Webhooks_wait_for_a_write_lock_held_by_another_connection_and_are_then_stored_once()
    {
        await using var server = await TestServer.StartAsync(TimeProvider.System, options => options.StorageBusyTimeoutSeconds = 60);
        var now = DateTimeOffset.UtcNow;
        var acknowledged = new List<string>();

        using (var holder = OpenRaw(server.Database.InboxPath))
        {
            Execute(holder, "BEGIN IMMEDIATE");
            var posts = Enumerable.Range(1, 8).Select(n => server.PostMentionsAsync(now, Dm(n, now))).ToList();
            await Task.Delay(1500);
            // None can have been acknowledged: the inbox was locked the whole time.
            Assert.DoesNotContain(posts, p => p.IsCompleted && p.Result.StatusCode == HttpStatusCode.OK);
            Execute(holder, "COMMIT");
            foreach (var post in posts)
            {
                using var response = await post;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            acknowledged.AddRange(Enumerable.Range(1, 8).Select(n => $"x:{n}"));
        }

        // The state file locked too: webhooks are still acknowledged at once (the inbox is another file); the engine
        // waits for the lock and applies them after.
        using (var holder = OpenRaw(server.Database.Path))
        {
            Execute(holder, "BEGIN IMMEDIATE");
            for (var n = 9; n <= 12; n++)
            {
                using var response = await server.PostMentionsAsync(now, Dm(n, now));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                acknowledged.Add($"x:{n}");
            }
            Assert.True(server.Engine.Status.ProcessedSeq < 12, "The engine committed while the state file was locked.");
            Execute(holder, "COMMIT");
        }

        await AssertEachAcknowledgedMessageOnceAsync(server, acknowledged);
        Assert.Equal(12, server.Scalar("SELECT count(*) FROM cases"));
    }

    [Fact]
    public async Task A_lock_held_past_the_busy_timeout_gets_503_with_retry_after_stores_nothing_and_healthz_names_the_inbox()
    {
        await using var server = await TestServer.StartAsync(TimeProvider.System, options => options.StorageBusyTimeoutSeconds = 1);
        var now = DateTimeOffset.UtcNow;
        using (var first = await server.PostMentionsAsync(now, Dm(1, now))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await server.WaitProcessedAsync();

        using (var holder = OpenRaw(server.Database.InboxPath))
        {
            Execute(holder, "BEGIN IMMEDIATE");
            using (var refused = await server.PostMentionsAsync(now, Dm(2, now)))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 without Retry-After.");
            }
            var (status, health) = await HealthAsync(server);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("failing", health.GetProperty("status").GetString());
            Assert.Equal("failing", Component(health, "storage", "inbox", "status").GetString());
            Assert.Contains("SQLite error 5", Component(health, "storage", "inbox", "lastError").GetString(), StringComparison.Ordinal);
            Execute(holder, "ROLLBACK");
        }
        Assert.Equal(1, server.Scalar("SELECT count(*) FROM inbox"));

        // The lock is gone: /healthz sees it without waiting for a webhook, and the platform's retry is stored.
        var (after, healthAfter) = await HealthAsync(server);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("ok", Component(healthAfter, "storage", "status").GetString());
        using (var retried = await server.PostMentionsAsync(now, Dm(2, now))) Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await AssertEachAcknowledgedMessageOnceAsync(server, ["x:1", "x:2"]);
    }

    [Fact]
    public async Task An_engine_commit_that_outwaits_the_busy_timeout_is_retried_whole_and_healthz_shows_the_engine_stalled()
    {
        await using var server = await TestServer.StartAsync(TimeProvider.System, options => options.StorageBusyTimeoutSeconds = 1);
        var now = DateTimeOffset.UtcNow;
        var acknowledged = new List<string>();
        using (var holder = OpenRaw(server.Database.Path))
        {
            Execute(holder, "BEGIN IMMEDIATE");
            for (var n = 1; n <= 6; n++)
            {
                using var response = await server.PostMentionsAsync(now, Dm(n, now));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                acknowledged.Add($"x:{n}");
            }
            await WaitUntilAsync(async () => Component((await HealthAsync(server)).Body, "engine", "status").GetString() == "stalled", "the engine reports its failed commit");
            var (status, health) = await HealthAsync(server);
            Assert.Equal(HttpStatusCode.OK, status); // webhooks are still taken
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.Equal("ok", Component(health, "storage", "inbox", "status").GetString());
            Assert.Contains("SQLite error 5", Component(health, "storage", "state", "lastError").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, server.Scalar("SELECT count(*) FROM messages"));
            // A write through the API meets the same lock: 503 with Retry-After, not a 500.
            using (var request = server.Request(HttpMethod.Post, "/api/alerts/x:ContosoCoffee:pair-1/firstReply.0.warning/retry", TestServer.AgentToken))
            using (var response = await server.Client.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 without Retry-After.");
            }
            Execute(holder, "COMMIT");
        }
        await AssertEachAcknowledgedMessageOnceAsync(server, acknowledged);
        await WaitUntilAsync(async () => (await HealthAsync(server)).Body.GetProperty("status").GetString() == "ok", "healthz recovers");
    }

    /// <summary>Fills every free page of both files with a filler table of another writer, the files held at their
    /// size; returns that writer's connection (its filler is deleted to give the space back).</summary>
    private static SqliteConnection FillDisk(TestServer server)
    {
        var filler = server.Database.Open();
        Execute(filler, "CREATE TABLE IF NOT EXISTS main.filler(x BLOB); CREATE TABLE IF NOT EXISTS inbox_file.filler(x BLOB)");
        server.Database.SetPageLimits(1, 1); // below the size: each file stays as large as it is
        var applied = 0;
        server.Database.ApplyLimits(filler, ref applied);
        foreach (var schema in new[] { "main", "inbox_file" })
        {
            for (var size = 65536; size >= 1; size /= 2)
            {
                try
                {
                    while (true) Execute(filler, $"INSERT INTO {schema}.filler(x) VALUES (zeroblob({size}))");
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 13)
                {
                    // Full at this size; smaller rows may still fit.
                }
            }
        }
        return filler;
    }

    [Fact]
    public async Task A_full_disk_refuses_webhooks_with_503_never_half_applies_a_batch_and_everything_recovers_when_space_returns()
    {
        var time = new ManualTimeProvider(T0);
        await using var server = await TestServer.StartAsync(time);
        var acknowledged = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            using var response = await server.PostMentionsAsync(T0, Dm(n, T0));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acknowledged.Add($"x:{n}");
        }
        await server.WaitProcessedAsync();

        using var filler = FillDisk(server);
        var inboxRows = server.Scalar("SELECT count(*) FROM inbox");

        // 1. Both files full: webhooks are refused, nothing is stored, /healthz says the inbox cannot take writes.
        using (var refused = await server.PostMentionsAsync(T0, Dm(4, T0)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 without Retry-After.");
        }
        Assert.Equal(inboxRows, server.Scalar("SELECT count(*) FROM inbox"));
        var (status, health) = await HealthAsync(server);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("failing", Component(health, "storage", "status").GetString());
        Assert.Contains("SQLite error 13", Component(health, "storage", "inbox", "lastError").GetString(), StringComparison.Ordinal);

        // 2. Space returns on the inbox's side only: webhooks are acknowledged, the engine's commits still fail, and
        // while they do nothing of theirs is applied (no message, case, counter, KPI or position).
        Execute(filler, "DELETE FROM inbox_file.filler");
        server.Database.SetPageLimits(1, 0);
        var seqBefore = server.Scalar("SELECT value FROM engine WHERE name = 'processed_seq'");
        for (var n = 4; n <= 6; n++)
        {
            using var response = await server.PostMentionsAsync(T0, Dm(n, T0));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acknowledged.Add($"x:{n}");
        }
        // The warnings of all six cases fall due while the state file is full.
        time.Advance(TimeSpan.FromMinutes(8));
        await WaitUntilAsync(async () => Component((await HealthAsync(server)).Body, "storage", "state", "status").GetString() == "failing", "the engine's commit fails");
        (status, health) = await HealthAsync(server);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("stalled", Component(health, "engine", "status").GetString());
        Assert.True(Component(health, "engine", "inboxLag").GetInt64() > 0);
        Assert.Equal(3, server.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(3, server.Scalar("SELECT count(*) FROM cases"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM alerts"));
        Assert.Equal(3, server.Scalar("SELECT value FROM counters WHERE name = 'mentions'"));
        Assert.Equal(seqBefore, server.Scalar("SELECT value FROM engine WHERE name = 'processed_seq'"));

        // 3. Space returns: everything acknowledged is applied once, each warning is raised and delivered once.
        Execute(filler, "DELETE FROM main.filler");
        server.Database.SetPageLimits(0, 0);
        await AssertEachAcknowledgedMessageOnceAsync(server, acknowledged);
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM alerts") == 6, "the six warnings are raised");
        Assert.Equal(6, server.Scalar("SELECT count(*) FROM alerts WHERE kind = 'warning'"));
        await AssertNoDuplicateAlertAsync(server);
        await WaitUntilAsync(async () => (await HealthAsync(server)).Body.GetProperty("status").GetString() == "ok", "healthz recovers");
    }
}
