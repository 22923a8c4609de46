using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Pulls;
using static SocialSla.Standalone.Tests.Server.Faults.FaultChecks;

namespace SocialSla.Standalone.Tests.Server.Faults;

/// <summary>Issue 8's hanging sink: an HTTP receiver that takes the request and never answers. Its deliveries time
/// out and are retried (the same alert id each time, so the receiver can dedupe), the other sinks get every alert
/// once and are never held back by it, and <c>/healthz</c> names the failing sink.</summary>
public sealed class SinkHangFaultTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Secret = "whsec_" + Convert.ToBase64String("hang-test-sink-secret-01"u8.ToArray());

    /// <summary>A webhook receiver that records each request's alert id and either answers 200 or hangs until the
    /// sender gives up.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private LoopbackServer _server = null!;
        private volatile bool _hangs;

        public ConcurrentQueue<string> Ids { get; } = new();

        public ConcurrentQueue<string> Answered { get; } = new();

        public string Url => new Uri(_server.BaseUrl, "alerts").ToString();

        public bool Hangs
        {
            get => _hangs;
            set => _hangs = value;
        }

        public static async Task<Receiver> StartAsync(bool hangs)
        {
            var receiver = new Receiver { Hangs = hangs };
            receiver._server = await LoopbackServer.StartAsync(async context =>
            {
                var id = context.Request.Headers["webhook-id"].ToString();
                receiver.Ids.Enqueue(id);
                if (receiver.Hangs)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }
                receiver.Answered.Enqueue(id);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            return receiver;
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    private static Task<TestServer> StartAsync(ManualTimeProvider time, Receiver hanging, int hangTimeoutSeconds, Receiver good) =>
        TestServer.StartAsync(time, options => options.Sinks =
        [
            new SinkOptions { Type = "webhook", Name = "hanging", Url = hanging.Url, Secret = Secret, TimeoutSeconds = hangTimeoutSeconds },
            new SinkOptions { Type = "webhook", Name = "good", Url = good.Url, Secret = Secret },
            new SinkOptions { Type = "jsonl", Path = "alerts.jsonl" },
        ]);

    private static async Task OpenCasesAsync(TestServer server, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            using var response = await server.PostMentionsAsync(T0, TestServer.Mention($"{n}", T0, channel: "dm", thread: $"pair-{n}", author: $"{800 + n}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await server.WaitProcessedAsync();
    }

    [Fact]
    public async Task A_receiver_that_hangs_holds_back_no_other_sink_even_for_alerts_raised_while_it_hangs()
    {
        var time = new ManualTimeProvider(T0);
        await using var hanging = await Receiver.StartAsync(hangs: true);
        await using var good = await Receiver.StartAsync(hangs: false);
        // The hanging receiver's attempts last 5 minutes: far longer than this test waits for anything.
        await using var server = await StartAsync(time, hanging, 300, good);
        await OpenCasesAsync(server, 3);

        time.Advance(TimeSpan.FromMinutes(8)); // three warnings (7.5 min)
        await WaitUntilAsync(() => good.Answered.Count == 3 && hanging.Ids.Count == 3, "the warnings reach both receivers");

        // Raised while the first attempts still hang: the good sink gets them all the same.
        time.Advance(TimeSpan.FromMinutes(4.5)); // three at-risk alerts (12 min)
        await WaitUntilAsync(() => good.Answered.Count == 6, "the at-risk alerts reach the good receiver while the other hangs");
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE sink = 'good' AND status = 'delivered'") == 6, "the good sink's deliveries are recorded");

        Assert.Equal(6, good.Answered.Distinct().Count());
        Assert.Equal(6, server.Scalar("SELECT count(*) FROM alerts"));
        Assert.Equal(0, server.Scalar("SELECT count(*) FROM deliveries WHERE sink = 'hanging' AND status <> 'pending'"));
        await AssertNoDuplicateAlertAsync(server);
    }

    [Fact]
    public async Task A_hanging_receiver_times_out_is_retried_with_the_same_alert_id_and_gets_each_alert_once_when_it_answers_again()
    {
        var time = new ManualTimeProvider(T0);
        await using var hanging = await Receiver.StartAsync(hangs: true);
        await using var good = await Receiver.StartAsync(hangs: false);
        await using var server = await StartAsync(time, hanging, 1, good);
        await OpenCasesAsync(server, 2);

        time.Advance(TimeSpan.FromMinutes(8)); // two warnings
        await WaitUntilAsync(() => good.Answered.Count == 2, "the warnings reach the good receiver");
        // The brand answers both: no further threshold fires while the clock runs on through the retries.
        for (var n = 1; n <= 2; n++)
        {
            using var reply = await server.PostMentionsAsync(time.GetUtcNow(), TestServer.Mention($"{100 + n}", T0.AddMinutes(8), fromBrand: true, channel: "dm", thread: $"pair-{n}"));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }
        await server.WaitProcessedAsync();
        // Each attempt times out after a second; the backoff (2 s, doubling) runs on the server's clock.
        await WaitUntilAsync(() => server.Scalar("SELECT min(attempts) FROM deliveries WHERE sink = 'hanging'") >= 3,
            "the hanging receiver's deliveries are retried", step: () => time.Advance(TimeSpan.FromSeconds(1)));

        var (status, health) = await HealthAsync(server);
        Assert.Equal(HttpStatusCode.OK, status); // webhooks are still taken
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var sink = Component(health, "alerts", "sinks", "hanging");
        Assert.Equal("failing", sink.GetProperty("status").GetString());
        Assert.Contains("timed out", sink.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, sink.GetProperty("pending").GetInt64());
        Assert.Equal("ok", Component(health, "alerts", "sinks", "good", "status").GetString());
        // Every retry carried the alert's own id: the receiver saw nothing but the two alerts.
        var alertIds = AlertIds(server);
        Assert.True(hanging.Ids.ToHashSet().SetEquals(alertIds));

        hanging.Hangs = false;
        await WaitUntilAsync(() => server.Scalar("SELECT count(*) FROM deliveries WHERE sink = 'hanging' AND status = 'delivered'") == 2,
            "the receiver takes the alerts once it answers", step: () => time.Advance(TimeSpan.FromSeconds(5)));
        // At least once, by id: on a loaded machine an answer slower than this sink's 1-second timeout is retried, and
        // the receiver dedupes on the id it sees again (the server records one delivery per alert either way).
        Assert.Equal(alertIds.Order(), hanging.Answered.Distinct().Order());
        Assert.Equal(alertIds.Order(), good.Answered.Order());
        await WaitUntilAsync(async () => Component((await HealthAsync(server)).Body, "alerts", "sinks", "hanging", "status").GetString() == "ok", "healthz shows the sink recovered");
        Assert.Equal(2, server.Scalar("SELECT count(*) FROM alerts"));
        await AssertNoDuplicateAlertAsync(server);
    }

    private static List<string> AlertIds(TestServer server)
    {
        using var connection = server.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM alerts";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }
}
