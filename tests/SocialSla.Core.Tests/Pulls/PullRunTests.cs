using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using static SocialSla.Core.Tests.Pulls.PullExamples;

namespace SocialSla.Core.Tests.Pulls;

public class PullRunTests
{
    private static readonly PullSource Forum = PullSource.Feed("forum", new Uri("https://forum.example.net/c/equipment.rss"), FeedAccount);
    private static readonly Duration Timeout = Duration.FromSeconds(30);

    private static Task<PullRun.Outcome> Run(Func<PullRequestPlan, CancellationToken, Task<PullResponse>> fetch,
        Func<IReadOnlyList<Mention>, PullCursor, Instant, CancellationToken, Task> store, CancellationToken cancellationToken = default) =>
        PullRun.RunAsync(Forum, PullCursor.Empty, Brands, 20, Timeout, fetch, store, () => ReceivedAt, cancellationToken);

    [Fact]
    public async Task A_page_is_stored_with_the_cursor_after_it_and_the_receipt_instant()
    {
        var stored = new List<(int Count, PullCursor Cursor, Instant At)>();
        var outcome = await Run((_, _) => Task.FromResult(Ok(Bytes("rss2_forum_feed.xml"), ("ETag", "\"v1\""))),
            (mentions, cursor, at, _) => { stored.Add((mentions.Count, cursor, at)); return Task.CompletedTask; });

        Assert.Null(outcome.Error);
        Assert.Equal(1, outcome.Pages);
        var page = Assert.Single(stored);
        Assert.True(page.Count > 0);
        Assert.Equal(page.Count, outcome.Mentions);
        Assert.Equal(page.Cursor, outcome.Cursor);
        Assert.NotEqual(PullCursor.Empty, outcome.Cursor);
        Assert.Equal(ReceivedAt, page.At);
    }

    [Fact]
    public async Task A_store_that_fails_ends_a_failed_run_and_the_cursor_does_not_move()
    {
        var outcome = await Run((_, _) => Task.FromResult(Ok(Bytes("rss2_forum_feed.xml"))),
            (_, _, _, _) => throw new InvalidOperationException("the queue is gone"));

        Assert.Contains("InvalidOperationException: the queue is gone", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(PullCursor.Empty, outcome.Cursor);
        Assert.Equal(0, outcome.Mentions);
    }

    [Fact]
    public async Task A_rate_limited_answer_is_a_failed_run_with_the_source_hint_and_nothing_stored()
    {
        var stores = 0;
        var outcome = await Run((_, _) => Task.FromResult(Response(429, [], ("Retry-After", "120"))),
            (_, _, _, _) => { stores++; return Task.CompletedTask; });

        Assert.NotNull(outcome.Error);
        Assert.Equal(ReceivedAt + Duration.FromSeconds(120), outcome.RetryAt);
        Assert.Equal(0, stores);
    }

    [Fact]
    public async Task A_request_that_times_out_fails_the_run_but_the_host_stopping_cancels_it()
    {
        var timedOut = await Run((_, _) => throw new TaskCanceledException("timeout"), (_, _, _, _) => Task.CompletedTask);
        Assert.Contains("timed out after 00:00:30", timedOut.Error, StringComparison.Ordinal);

        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Run((_, ct) => throw new OperationCanceledException(ct), (_, _, _, _) => Task.CompletedTask, stopping.Token));
    }
}
