using SocialSla.Core.Delivery;
using System.Text;
using Microsoft.AspNetCore.Http;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using SocialSla.Standalone.Pulls;

namespace SocialSla.Standalone.Tests.Pulls;

public sealed class PullWorkerTests
{
    private const string Token = "secret-bearer-token-123";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);
    private static readonly PlatformAccountId XAccount = new(Platform.X, "ContosoCoffee");
    private static readonly PlatformAccountId FeedAccount = new(Platform.Rss, "contoso-web");
    private static readonly BrandDirectory Brands = new([new BrandAccount(XAccount, "1500000000000000001", "ContosoCoffee"), new BrandAccount(FeedAccount, "contoso-web")]);
    private static readonly PullWorkerOptions NoJitter = new() { Backoff = new RetryBackoff(NodaTime.Duration.FromSeconds(10), NodaTime.Duration.FromMinutes(5), 0) };

    private const string Page1 = """{"data":[{"id":"30","text":"Contoso latte","author_id":"9","created_at":"2026-03-02T15:00:00Z","conversation_id":"30"}],"includes":{"users":[{"id":"9","username":"sam"}]},"meta":{"newest_id":"30","oldest_id":"30","result_count":1,"next_token":"tok2"}}""";
    private const string Page2 = """{"data":[{"id":"20","text":"Contoso beans","author_id":"8","created_at":"2026-03-02T14:00:00Z","conversation_id":"20"}],"meta":{"newest_id":"20","oldest_id":"20","result_count":1}}""";
    private const string Feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><item><title>Contoso?</title><guid>https://forum.example/t/1</guid><pubDate>Mon, 02 Mar 2026 15:10:00 +0000</pubDate></item></channel></rss>""";

    private static PullJob XJob(LoopbackServer server, string name = "x") =>
        new(PullSource.XRecentSearch(name, "Contoso Coffee -is:retweet", XAccount, "1500000000000000001", baseUrl: new Uri(server.BaseUrl, name + "/")),
            TimeSpan.FromMinutes(1), Token);

    private static PullJob FeedJob(LoopbackServer server) =>
        new(PullSource.Feed("feed", new Uri(server.BaseUrl, "feed.xml"), FeedAccount), TimeSpan.FromMinutes(1));

    private static Task Json(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    private static PullWorker Worker(IEnumerable<PullJob> jobs, IPullStore store, HttpClient http, TimeProvider time) =>
        new(jobs, store, Brands, http, time, options: NoJitter);

    [Fact]
    public async Task RunOnce_TwoPages_FollowsNextTokenAndCommitsEachPageWithItsCursor()
    {
        await using var server = await LoopbackServer.StartAsync(c => Json(c, c.Request.Query["next_token"] == "tok2" ? Page2 : Page1));
        using var http = new HttpClient();
        var store = new InMemoryPullStore();
        var time = new ManualTimeProvider(Start);
        var job = XJob(server);
        var worker = Worker([job], store, http, time);

        var status = await worker.RunOnceAsync(job, CancellationToken.None);

        var commits = store.Commits;
        Assert.Equal(2, commits.Count);
        Assert.Equal("30", Assert.Single(commits[0].Mentions).Id.ExternalId);
        Assert.True(PullCursor.TryParse(commits[0].Cursor, out var mid, out _));
        Assert.Equal("tok2", mid.NextToken);
        Assert.Null(mid.SinceId);
        Assert.Equal("20", Assert.Single(commits[1].Mentions).Id.ExternalId);
        Assert.True(PullCursor.TryParse(store.CursorOf("x"), out var final, out _));
        Assert.Equal("30", final.SinceId);
        Assert.Null(final.NextToken);

        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Contains("next_token=tok2", requests[1].Query);
        Assert.All(requests, r => Assert.Equal("Bearer " + Token, r.Headers["Authorization"]));
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Equal(Instant.FromDateTimeOffset(Start), status.LastSuccess);
        Assert.Equal(Instant.FromDateTimeOffset(Start) + NodaTime.Duration.FromMinutes(1), status.NextAttempt);
        Assert.Equal(2, status.MentionsPulled);
        Assert.DoesNotContain(Token, job.ToString());
        Assert.DoesNotContain(Token, string.Join(";", worker.Status));
    }

    [Fact]
    public async Task RunOnce_SecondPageFails_NextRunResumesFromCommittedPage()
    {
        var failSecondPage = true;
        await using var server = await LoopbackServer.StartAsync(c =>
            c.Request.Query["next_token"] == "tok2"
                ? (failSecondPage ? Json(c, """{"title":"oops"}""", 500) : Json(c, Page2))
                : Json(c, Page1));
        using var http = new HttpClient();
        var store = new InMemoryPullStore();
        var job = XJob(server);
        var worker = Worker([job], store, http, new ManualTimeProvider(Start));

        var failed = await worker.RunOnceAsync(job, CancellationToken.None);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Contains("500", failed.LastError);
        Assert.True(PullCursor.TryParse(store.CursorOf("x"), out var mid, out _));
        Assert.Equal("tok2", mid.NextToken);

        failSecondPage = false;
        var ok = await worker.RunOnceAsync(job, CancellationToken.None);

        Assert.Equal(0, ok.ConsecutiveFailures);
        Assert.Null(ok.LastError);
        var third = server.Requests.ToList()[2];
        Assert.Contains("next_token=tok2", third.Query); // resumed at page 2, page 1 was not asked again
        Assert.True(PullCursor.TryParse(store.CursorOf("x"), out var final, out _));
        Assert.Equal("30", final.SinceId);
    }

    [Fact]
    public async Task RunOnce_AfterRestart_ResumesFromStoredCursor()
    {
        await using var server = await LoopbackServer.StartAsync(c => Json(c, c.Request.Query["next_token"] == "tok2" ? Page2 : Page1));
        using var http = new HttpClient();
        var store = new InMemoryPullStore();
        var job = XJob(server);
        await Worker([job], store, http, new ManualTimeProvider(Start)).RunOnceAsync(job, CancellationToken.None);

        var restarted = Worker([job], store, http, new ManualTimeProvider(Start.AddMinutes(5)));
        await restarted.RunOnceAsync(job, CancellationToken.None);

        var afterRestart = server.Requests.ToList()[2];
        Assert.Contains("since_id=30", afterRestart.Query);
        Assert.DoesNotContain("next_token", afterRestart.Query);
    }

    [Fact]
    public async Task RunOnce_FeedUnchanged_SendsValidatorsAndCommitsNothing()
    {
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            if (c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                c.Response.StatusCode = 304;
                return Task.CompletedTask;
            }
            c.Response.Headers.ETag = "\"v1\"";
            c.Response.Headers.LastModified = "Mon, 02 Mar 2026 15:11:00 GMT";
            c.Response.ContentType = "application/rss+xml";
            return c.Response.WriteAsync(Feed);
        });
        using var http = new HttpClient();
        var store = new InMemoryPullStore();
        var job = FeedJob(server);
        var worker = Worker([job], store, http, new ManualTimeProvider(Start));

        await worker.RunOnceAsync(job, CancellationToken.None);
        var second = await worker.RunOnceAsync(job, CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal("https://forum.example/t/1", Assert.Single(commit.Mentions).Id.ExternalId);
        Assert.Equal("Mon, 02 Mar 2026 15:11:00 GMT", server.Requests.ToList()[1].Headers["If-Modified-Since"]);
        Assert.Equal(0, second.ConsecutiveFailures);
        Assert.False(server.Requests.First().Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task RunOnce_RateLimited_WaitsUntilReset()
    {
        var reset = Start.AddMinutes(7).ToUnixTimeSeconds();
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            c.Response.Headers["x-rate-limit-remaining"] = "0";
            c.Response.Headers["x-rate-limit-reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Json(c, """{"title":"Too Many Requests"}""", 429);
        });
        using var http = new HttpClient();
        var job = XJob(server);
        var worker = Worker([job], new InMemoryPullStore(), http, new ManualTimeProvider(Start));

        var status = await worker.RunOnceAsync(job, CancellationToken.None);

        Assert.Equal(Instant.FromUnixTimeSeconds(reset), status.NextAttempt); // later than the 10 s backoff
        Assert.Contains("429", status.LastError);
    }

    [Fact]
    public async Task Execute_FailingSourceBacksOff_WhileHealthySourceKeepsItsInterval()
    {
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            if (c.Request.Path.StartsWithSegments("/broken")) return Json(c, "{}", 500);
            c.Response.ContentType = "application/rss+xml";
            return c.Response.WriteAsync(Feed);
        });
        using var http = new HttpClient();
        var time = new ManualTimeProvider(Start);
        var broken = XJob(server, "broken");
        var feed = FeedJob(server);
        using var worker = Worker([broken, feed], new InMemoryPullStore(), http, time);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntil(() => time.PendingTimers == 2);
            for (var t = 0; t < 600; t += 10)
            {
                time.Advance(TimeSpan.FromSeconds(10));
                await WaitUntil(() => time.PendingTimers == 2);
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        // Feed: every 60 s from 0 to 600 → 11 polls. Broken: 0, 10, 30, 70, 150, 310 (10 s doubling, 5 min cap) → 6.
        Assert.Equal(11, server.CountFor("/feed.xml"));
        Assert.Equal(6, server.CountFor("/broken/"));
        var status = worker.Status.Single(s => s.Source == "broken");
        Assert.Equal(6, status.ConsecutiveFailures);
        Assert.Contains("500", status.LastError);
        Assert.Equal(Instant.FromDateTimeOffset(Start) + NodaTime.Duration.FromSeconds(610), status.NextAttempt);
        var healthy = worker.Status.Single(s => s.Source == "feed");
        Assert.Equal(0, healthy.ConsecutiveFailures);
        Assert.Null(healthy.LastError);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        using var http = new HttpClient();
        var job = new PullJob(PullSource.Feed("feed", new Uri("http://127.0.0.1:9/f"), FeedAccount), TimeSpan.FromMinutes(1));
        Assert.Throws<ArgumentException>(() => Worker([job, job], new InMemoryPullStore(), http, TimeProvider.System));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The worker did not settle within 10 s.");
            await Task.Delay(5);
        }
    }
}
