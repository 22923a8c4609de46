using SocialSla.Core.Ingestion;

namespace SocialSla.Core.Pulls;

/// <summary>What one pulled page yielded: mentions, the cursor to store with them, whether another page follows now,
/// and when the source may be asked again.</summary>
/// <param name="Outcome">Success, not-modified, or why it failed.</param>
/// <param name="Batch">The mentions of the page (empty unless <see cref="PullOutcome.Ok"/>).</param>
/// <param name="Cursor">The cursor to store together with <paramref name="Batch"/>; on failure and on 304 the cursor that was passed in.</param>
/// <param name="MoreFollows">Whether the host should request the next page at once (with <paramref name="Cursor"/>).</param>
/// <param name="RetryAt">The earliest instant the source wants to be asked again (<c>Retry-After</c>, an exhausted
/// rate-limit window), or <see langword="null"/> when it said nothing.</param>
/// <param name="Error">One sentence saying what went wrong, when <paramref name="Outcome"/> is a failure; never contains a secret.</param>
public sealed record PullResult(PullOutcome Outcome, WebhookBatch Batch, PullCursor Cursor, bool MoreFollows,
    NodaTime.Instant? RetryAt, string? Error)
{
    /// <summary>Whether the request succeeded (<see cref="PullOutcome.Ok"/> or <see cref="PullOutcome.NotModified"/>).</summary>
    public bool IsSuccess => Outcome is PullOutcome.Ok or PullOutcome.NotModified;

    internal static PullResult Failed(PullOutcome outcome, PullCursor cursor, NodaTime.Instant? retryAt, string error) =>
        new(outcome, WebhookBatch.Empty, cursor, false, retryAt, error);
}
