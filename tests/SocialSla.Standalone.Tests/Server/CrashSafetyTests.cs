using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue 3's crash-safety must-hold, against the real <c>socialsla serve</c> process: SIGKILL it while signed
/// X webhooks arrive from several senders, start it again on the same configuration and SQLite file, and show that
/// every acknowledged webhook was applied exactly once (nothing lost, nothing counted twice, redeliveries deduplicated)
/// and that every alert still pending at the crash fires and reaches the JSONL sink.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const string XSecret = "crash_test_x_consumer_secret_0001";
    private const string BrandId = "1500000000000000001";
    private const string ReadToken = "crash-test-read-token";
    private const int Senders = 6;
    private const int KillAfterAcknowledged = 100;
    private const int MostTweets = 250; // three alerts each must fit one page of GET /api/alerts (1000)
    private const double RedeliveryShare = 0.2;

    // First reply "20s": warning at 10 s, at risk at 16 s, breached at 20 s after the tweet. Tweets are dated up to
    // 12 s in the past, so some warnings are raised (and being delivered) when the server is killed, some thresholds
    // pass while it is down and the rest fall after the restart.
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MaxBackdate = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan UsualPosting = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan LongestPosting = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly (string Level, double Share)[] Thresholds = [("warning", 0.5), ("atRisk", 0.8), ("breached", 1.0)];

    private readonly string _folder = Directory.CreateTempSubdirectory("socialsla-crash-").FullName;
    private long _nextTweet;

    private sealed record Tweet(string Id, byte[] Body, DateTimeOffset CreatedAt);

    private sealed record Ack(string TweetId, long Seq, byte[] Body);

    private sealed class Traffic
    {
        public ConcurrentDictionary<string, Tweet> Sent { get; } = new();
        public ConcurrentQueue<Ack> Acks { get; } = new();
        public ConcurrentDictionary<string, byte> Acknowledged { get; } = new();
        public int Posts;
        public int Redeliveries;
        public int Failures;
        public int InFlight;
    }

    [Fact]
    public async Task A_SIGKILL_mid_stream_loses_no_acknowledged_webhook_applies_each_once_and_every_pending_alert_still_fires()
    {
        var clock = Stopwatch.StartNew();
        var configPath = WriteConfiguration();
        var port = ServerProcess.FreePort();
        var traffic = new Traffic();

        // 1. Start, then post from several senders; SIGKILL the server while they are still posting.
        DateTimeOffset killedAt;
        await using (var first = await ServerProcess.StartAsync(configPath, port, StartTimeout))
        {
            Assert.Contains("socialsla.dll", File.ReadAllText($"/proc/{first.ProcessId}/cmdline"));
            output.WriteLine($"started in {clock.Elapsed.TotalSeconds:0.0} s (pid {first.ProcessId})");
            using var stopPosting = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(i => SendAsync(first.Client, traffic, i, stopPosting.Token)).ToArray();
            var postingSince = DateTime.UtcNow;
            // Kill once enough is acknowledged; on a slow machine, once some is (with a redelivery) after a while.
            while (!senders.Any(s => s.IsCompleted))
            {
                var posting = DateTime.UtcNow - postingSince;
                if (traffic.Acknowledged.Count >= KillAfterAcknowledged || posting > LongestPosting) break;
                if (posting > UsualPosting && traffic.Acknowledged.Count >= 10 && traffic.Redeliveries > 0) break;
                await Task.Delay(5);
            }
            var inFlight = traffic.InFlight;
            first.Kill();
            // The requests in flight fail against the dead server; no new ones start.
            stopPosting.Cancel();
            await first.KillAsync();
            killedAt = DateTimeOffset.UtcNow;
            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"killed after {(killedAt.UtcDateTime - postingSince).TotalSeconds:0.00} s of posting, with about {inFlight} requests in flight");
        }
        var sentBeforeCrash = traffic.Sent.Count;
        var acknowledgedBeforeCrash = traffic.Acknowledged.Count;
        Assert.True(acknowledgedBeforeCrash > 0, "No webhook was acknowledged before the kill.");
        Assert.True(traffic.Redeliveries > 0, "No redelivery was sent before the kill.");
        output.WriteLine($"before the crash: {traffic.Posts} posts ({traffic.Redeliveries} redeliveries), {sentBeforeCrash} distinct tweets, " +
                         $"{acknowledgedBeforeCrash} acknowledged, {traffic.Failures} failed");

        // 2. Restart on the same configuration and database.
        await using var second = await StartAgainAsync(configPath, port);
        var restartedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"restarted {(restartedAt - killedAt).TotalSeconds:0.0} s after the kill");
        await WaitInboxAppliedAsync(second);

        // 3. Every acknowledged tweet is there once; unacknowledged ones may be (stored, then killed before the answer).
        var received = await MentionsReceivedAsync(second);
        var caseIds = await CaseIdsAsync(second);
        Assert.Equal(caseIds.Count, caseIds.Distinct().Count());
        Assert.Equal(received, caseIds.Count);
        Assert.InRange(received, acknowledgedBeforeCrash, sentBeforeCrash);
        output.WriteLine($"after the restart: {received} mentions applied ({received - acknowledgedBeforeCrash} stored but never acknowledged)");

        // 4. The platform redelivers what was not acknowledged (and a few that were): nothing is counted twice.
        var unacknowledged = traffic.Sent.Values.Where(t => !traffic.Acknowledged.ContainsKey(t.Id)).ToList();
        var again = unacknowledged.Concat(traffic.Sent.Values.Where(t => traffic.Acknowledged.ContainsKey(t.Id)).Take(20)).ToList();
        await Parallel.ForEachAsync(again, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (tweet, _) =>
        {
            var (status, seq) = await PostAsync(second.Client, tweet.Body);
            Assert.True(status == HttpStatusCode.OK, $"Redelivery of {tweet.Id} after the restart was answered {status}.");
            traffic.Acks.Enqueue(new Ack(tweet.Id, seq!.Value, tweet.Body));
            traffic.Acknowledged.TryAdd(tweet.Id, 0);
        });
        await WaitInboxAppliedAsync(second);
        var distinct = traffic.Sent.Count;
        Assert.Equal(distinct, traffic.Acknowledged.Count);
        Assert.Equal(distinct, await MentionsReceivedAsync(second));
        Assert.Equal(distinct, (await CaseIdsAsync(second)).Count);
        output.WriteLine($"redelivered {again.Count} ({unacknowledged.Count} never acknowledged): {distinct} mentions, each once");

        // 5. Every threshold passes; every alert is raised once and reaches the sink at least once.
        var lastThreshold = traffic.Sent.Values.Max(t => t.CreatedAt) + Target;
        var expectedAlerts = distinct * Thresholds.Length;
        Assert.True(expectedAlerts < 1000, $"{expectedAlerts} alerts do not fit one page of GET /api/alerts: lower MostTweets.");
        var alertIds = await WaitAlertsDeliveredAsync(second, expectedAlerts, lastThreshold);
        var inFile = AlertIdsInSinkFile();
        Assert.Empty(alertIds.Except(inFile));
        Assert.Empty(inFile.Distinct().Except(alertIds));
        await second.KillAsync();

        // 6. The file, read once the server is gone: inbox, messages, counters, alerts and deliveries agree.
        using var connection = OpenDatabase();
        foreach (var ack in traffic.Acks)
        {
            var body = Query(connection, "SELECT body FROM inbox WHERE seq = $seq", r => (byte[])r[0], ("$seq", ack.Seq)).SingleOrDefault();
            Assert.True(body is not null && body.AsSpan().SequenceEqual(ack.Body), $"Acknowledged delivery {ack.Seq} ({ack.TweetId}) is not in the inbox as sent.");
        }
        var messages = Query(connection, "SELECT id, case_id FROM messages", r => (Id: r.GetString(0), Case: r.GetString(1)));
        Assert.Equal(distinct, messages.Count);
        Assert.True(traffic.Sent.Keys.Select(id => "x:" + id).ToHashSet().SetEquals(messages.Select(m => m.Id)), "The messages are not exactly the tweets sent.");
        var inboxRows = Scalar(connection, "SELECT count(*) FROM inbox");
        Assert.Equal(distinct, Scalar(connection, "SELECT coalesce((SELECT value FROM counters WHERE name = 'mentions'), 0)"));
        Assert.Equal(inboxRows - distinct, Scalar(connection, "SELECT coalesce((SELECT value FROM counters WHERE name = 'duplicates'), 0)"));
        Assert.Equal(Scalar(connection, "SELECT max(seq) FROM inbox"), Scalar(connection, "SELECT value FROM engine WHERE name = 'processed_seq'"));

        var alerts = Query(connection, "SELECT id, case_id, kind, threshold_at, raised_at FROM alerts",
            r => (Id: r.GetString(0), Case: r.GetString(1), Kind: r.GetString(2), Threshold: FromNanos(r.GetInt64(3)), Raised: FromNanos(r.GetInt64(4))));
        Assert.Equal(expectedAlerts, alerts.Count);
        Assert.True(alerts.Select(a => a.Id).ToHashSet().SetEquals(alertIds), "The alerts table and GET /api/alerts disagree.");
        Assert.Empty(alerts.Select(a => a.Id).Except(inFile));
        var tweetsByCase = messages.ToDictionary(m => m.Case, m => traffic.Sent[m.Id["x:".Length..]]);
        foreach (var (caseId, tweet) in tweetsByCase)
        {
            foreach (var (level, share) in Thresholds)
            {
                var at = tweet.CreatedAt + Target * share;
                var alert = alerts.Where(a => a.Case == caseId && a.Kind == level).ToList();
                Assert.True(alert.Count == 1, $"Case {caseId} has {alert.Count} {level} alerts (threshold {at:O}).");
                Assert.Equal(at, alert[0].Threshold);
                Assert.True(alert[0].Raised >= at, $"{alert[0].Id} was raised at {alert[0].Raised:O}, before its threshold {at:O}.");
            }
        }
        Assert.Equal(0, Scalar(connection, "SELECT count(*) FROM deliveries WHERE status <> 'delivered'"));

        var thresholdsAfterRestart = alerts.Count(a => a.Threshold > restartedAt);
        var raisedAfterRestart = alerts.Count(a => a.Raised >= killedAt);
        var passedWhileDown = alerts.Count(a => a.Threshold > killedAt && a.Threshold <= restartedAt);
        output.WriteLine($"alerts: {alerts.Count} ({alerts.Count - raisedAfterRestart} raised before the kill, {raisedAfterRestart} after the restart, " +
                         $"{passedWhileDown} with thresholds while the server was down, {thresholdsAfterRestart} after the restart); " +
                         $"{inFile.Count} lines in the sink file ({inFile.Count - inFile.Distinct().Count()} redelivered)");
        output.WriteLine($"inbox rows {inboxRows}, total {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(raisedAfterRestart > 0, "No alert was pending at the crash.");
    }

    private string WriteConfiguration()
    {
        var config = new
        {
            database = "state.db",
            accounts = new[] { new { account = "x:ContosoCoffee", platformUserId = BrandId, handle = "ContosoCoffee" } },
            x = new { consumerSecrets = new[] { XSecret } },
            tokens = new[] { new { name = "reader", role = "read", sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ReadToken))) } },
            sinks = new[] { new { type = "jsonl", path = "alerts.jsonl" } },
            policy = new
            {
                rules = new[]
                {
                    new { name = "crash-test", when = new { channels = new[] { "mention" } }, firstReply = "20s", nextReply = "20s" },
                },
            },
        };
        var path = Path.Combine(_folder, "socialsla.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private async Task SendAsync(HttpClient client, Traffic traffic, int sender, CancellationToken stop)
    {
        var random = new Random(sender);
        while (!stop.IsCancellationRequested)
        {
            var acks = traffic.Acks.ToArray();
            Tweet tweet;
            bool redelivery;
            if (acks.Length > 0 && (random.NextDouble() < RedeliveryShare || traffic.Sent.Count >= MostTweets))
            {
                var ack = acks[random.Next(acks.Length)];
                tweet = traffic.Sent[ack.TweetId];
                redelivery = true;
                Interlocked.Increment(ref traffic.Redeliveries);
            }
            else if (traffic.Sent.Count >= MostTweets)
            {
                await Task.Delay(10, CancellationToken.None);
                continue;
            }
            else
            {
                tweet = NewTweet(DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(random.Next((int)MaxBackdate.TotalMilliseconds)));
                traffic.Sent[tweet.Id] = tweet;
                redelivery = false;
            }
            Interlocked.Increment(ref traffic.Posts);
            Interlocked.Increment(ref traffic.InFlight);
            var (status, seq) = await PostAsync(client, tweet.Body);
            Interlocked.Decrement(ref traffic.InFlight);
            if (status == HttpStatusCode.OK)
            {
                traffic.Acks.Enqueue(new Ack(tweet.Id, seq!.Value, tweet.Body));
                traffic.Acknowledged.TryAdd(tweet.Id, 0);
            }
            else
            {
                Interlocked.Increment(ref traffic.Failures);
                Assert.True(status is null or HttpStatusCode.ServiceUnavailable, $"A {(redelivery ? "redelivery" : "delivery")} was answered {status}.");
            }
        }
    }

    /// <summary>Posts a signed delivery: the status and the inbox sequence when answered, no status when the request failed.</summary>
    private static async Task<(HttpStatusCode? Status, long? Seq)> PostAsync(HttpClient client, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/x") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSigning.X(body, XSecret));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, null);
            var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            using var json = JsonDocument.Parse(answer);
            Assert.Equal(1, json.RootElement.GetProperty("mentions").GetInt32());
            return (HttpStatusCode.OK, json.RootElement.GetProperty("seq").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
        {
            // Killed mid-request (or mid-answer): not acknowledged.
            return (null, null);
        }
    }

    /// <summary>An AAA <c>tweet_create_events</c> delivery: a customer's tweet at the brand, a conversation of its own.</summary>
    private Tweet NewTweet(DateTimeOffset createdAt)
    {
        var n = Interlocked.Increment(ref _nextTweet);
        var id = (1990000000000000000L + n).ToString(CultureInfo.InvariantCulture);
        var userId = (3000000000L + n).ToString(CultureInfo.InvariantCulture);
        createdAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds());
        var payload = new Dictionary<string, object?>
        {
            ["for_user_id"] = BrandId,
            ["user_has_blocked"] = false,
            ["tweet_create_events"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["created_at"] = createdAt.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture),
                    ["id"] = long.Parse(id, CultureInfo.InvariantCulture),
                    ["id_str"] = id,
                    ["text"] = $"@ContosoCoffee order #{n} never arrived",
                    ["truncated"] = false,
                    ["in_reply_to_status_id"] = null,
                    ["in_reply_to_status_id_str"] = null,
                    ["in_reply_to_user_id"] = long.Parse(BrandId, CultureInfo.InvariantCulture),
                    ["in_reply_to_user_id_str"] = BrandId,
                    ["in_reply_to_screen_name"] = "ContosoCoffee",
                    ["user"] = new Dictionary<string, object?> { ["id"] = long.Parse(userId, CultureInfo.InvariantCulture), ["id_str"] = userId, ["name"] = $"Customer {n}", ["screen_name"] = $"customer{n}" },
                    ["timestamp_ms"] = createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                },
            },
        };
        return new Tweet(id, JsonSerializer.SerializeToUtf8Bytes(payload), createdAt);
    }

    private async Task<ServerProcess> StartAgainAsync(string configPath, int port)
    {
        try
        {
            return await ServerProcess.StartAsync(configPath, port, StartTimeout);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("cannot listen", StringComparison.Ordinal))
        {
            // Someone else took the port meanwhile: the same files on another port are the same server.
            output.WriteLine("the port was taken; restarting on another one");
            return await ServerProcess.StartAsync(configPath, ServerProcess.FreePort(), StartTimeout);
        }
    }

    private static async Task<JsonDocument> GetAsync(ServerProcess server, string path, bool authorized = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorized) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReadToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await server.Client.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    /// <summary>Waits until the engine has committed everything in the inbox (no webhook is arriving meanwhile).</summary>
    private static async Task WaitInboxAppliedAsync(ServerProcess server)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var health = await GetAsync(server, "healthz", authorized: false);
            var engine = health.RootElement.GetProperty("components").GetProperty("engine");
            if (engine.GetProperty("inboxLag").GetInt64() == 0) return;
            Assert.True(DateTime.UtcNow < until, $"The engine did not catch up with the inbox: {health.RootElement}");
            await Task.Delay(50);
        }
    }

    private static async Task<long> MentionsReceivedAsync(ServerProcess server)
    {
        using var kpis = await GetAsync(server, "api/kpis");
        return kpis.RootElement.GetProperty("total").GetProperty("mentions").GetProperty("received").GetInt64();
    }

    private static async Task<List<string>> CaseIdsAsync(ServerProcess server)
    {
        using var cases = await GetAsync(server, "api/cases?state=all&limit=1000");
        var ids = cases.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.True(ids.Count < 1000, "Too many cases for one page: lower KillAfterAcknowledged.");
        return ids;
    }

    /// <summary>Polls until every threshold has passed, every expected alert is raised and none is pending delivery;
    /// returns the alert ids the API lists.</summary>
    private async Task<HashSet<string>> WaitAlertsDeliveredAsync(ServerProcess server, int expected, DateTimeOffset lastThreshold)
    {
        var until = DateTimeOffset.UtcNow.Max(lastThreshold) + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (DateTimeOffset.UtcNow > lastThreshold)
            {
                using var health = await GetAsync(server, "healthz", authorized: false);
                var components = health.RootElement.GetProperty("components");
                var raised = components.GetProperty("engine").GetProperty("alertsRaised").GetInt64();
                var pending = components.GetProperty("alerts").GetProperty("pending").GetInt64();
                var failed = components.GetProperty("alerts").GetProperty("failed").GetInt64();
                Assert.Equal(0, failed);
                if (pending == 0)
                {
                    using var alerts = await GetAsync(server, "api/alerts?status=all&limit=1000");
                    var ids = alerts.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToHashSet();
                    if (ids.Count >= expected)
                    {
                        Assert.Equal(expected, ids.Count);
                        return ids;
                    }
                }
                if (DateTimeOffset.UtcNow > until)
                    throw new TimeoutException($"{raised} alerts raised since the restart, {pending} deliveries pending; {expected} alerts expected.\n{server.Log}");
            }
            await Task.Delay(100);
        }
    }

    private List<string> AlertIdsInSinkFile()
    {
        var path = Path.Combine(_folder, "alerts.jsonl");
        if (!File.Exists(path)) return [];
        var ids = new List<string>();
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            ids.Add(json.RootElement.GetProperty("id").GetString()!);
        }
        return ids;
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "state.db"), Pooling = false }.ToString());
        connection.Open();
        using var attach = connection.CreateCommand();
        attach.CommandText = "ATTACH DATABASE $inbox AS inbox_file";
        attach.Parameters.AddWithValue("$inbox", Path.Combine(_folder, "state.inbox.db"));
        attach.ExecuteNonQuery();
        return connection;
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset FromNanos(long nanos) => DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(nanos / 100);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

file static class DateTimeOffsetExtensions
{
    public static DateTimeOffset Max(this DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
