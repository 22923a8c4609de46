using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Pulls;

/// <summary>One run of a pulled source, as both hosts make it (the serve pull worker, the Functions timer): from its
/// cursor, plan a request (<see cref="PullProtocol.Plan"/>), fetch it, parse the answer, hand the page's mentions and
/// the cursor after it to the host's store, and go on while <see cref="PullSchedule.FetchesNextPageNow"/> says so.</summary>
/// <remarks>The host brings the I/O (<c>fetch</c>, <c>store</c>) and the clock. A run ends in an <see cref="Outcome"/>
/// that says how far it got; any failure of the fetch or the store (but the host's own cancellation) ends it as a failed
/// run, which the schedule backs off (<see cref="PullSchedule.Failed"/>), so one failing source never stops another.</remarks>
public static class PullRun
{
    /// <summary>How a run ended.</summary>
    /// <param name="Cursor">The cursor after the last page stored (the one it started from if none was).</param>
    /// <param name="Pages">Pages fetched.</param>
    /// <param name="Mentions">Mentions stored.</param>
    /// <param name="Unfinished">More pages wait, for the next run.</param>
    /// <param name="RetryAt">The source's own hint of when to come back (rate limits), if it gave one.</param>
    /// <param name="Error">Why the run failed, or <see langword="null"/> when it succeeded.</param>
    public readonly record struct Outcome(PullCursor Cursor, int Pages, int Mentions, bool Unfinished, Instant? RetryAt, string? Error);

    /// <summary>Runs <paramref name="source"/> from <paramref name="cursor"/>.</summary>
    /// <param name="source">The source.</param>
    /// <param name="cursor">Where the last run stopped.</param>
    /// <param name="brands">The configured brand accounts (what the parsers keep).</param>
    /// <param name="maxPages">The most pages one run fetches.</param>
    /// <param name="requestTimeout">The host's per-request timeout (named in the error when a request runs out of it).</param>
    /// <param name="fetch">Sends a planned request; a timeout is an <see cref="OperationCanceledException"/> while
    /// <paramref name="cancellationToken"/> is not cancelled.</param>
    /// <param name="store">Stores a page's mentions (with the cursor after the page, for hosts that commit both at once),
    /// stamped with the instant the page was received.</param>
    /// <param name="now">The clock.</param>
    /// <param name="cancellationToken">The host stopping: cancels the run (it is not a failed run).</param>
    public static async Task<Outcome> RunAsync(PullSource source, PullCursor cursor, BrandDirectory brands, int maxPages, Duration requestTimeout,
        Func<PullRequestPlan, CancellationToken, Task<PullResponse>> fetch,
        Func<IReadOnlyList<Mention>, PullCursor, Instant, CancellationToken, Task> store,
        Func<Instant> now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(now);
        var (pages, mentions) = (0, 0);
        Instant? hint = null;
        try
        {
            while (true)
            {
                var response = await fetch(PullProtocol.Plan(source, cursor), cancellationToken).ConfigureAwait(false);
                var result = PullProtocol.Parse(source, cursor, response, brands);
                hint = result.RetryAt;
                if (!result.IsSuccess) return new Outcome(cursor, pages, mentions, false, hint, result.Error ?? $"{source.Name}: {result.Outcome}.");
                if (result.Outcome == PullOutcome.Ok)
                {
                    await store(result.Batch.Mentions, result.Cursor, response.ReceivedAt, cancellationToken).ConfigureAwait(false);
                    mentions += result.Batch.Mentions.Count;
                }
                cursor = result.Cursor;
                pages++;
                if (!PullSchedule.FetchesNextPageNow(result, pages, maxPages, now(), out var moreLater))
                    return new Outcome(cursor, pages, mentions, moreLater, hint, null);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new Outcome(cursor, pages, mentions, false, hint, $"{source.Name}: the request timed out after {requestTimeout.ToTimeSpan()}.");
        }
#pragma warning disable CA1031 // Whatever the fetch or the store threw, it is this source's failed run, backed off; not the host's end.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome(cursor, pages, mentions, false, hint, $"{source.Name}: {e.GetType().Name}: {e.Message}");
        }
    }
}
