using NodaTime;

namespace SocialSla.Standalone.Pulls;

/// <summary>How a pulled source is doing, for <c>/healthz</c>; contains no secret.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="LastSuccess">When the last successful run ended, if any.</param>
/// <param name="LastError">What the last failed run said, cleared by a success.</param>
/// <param name="ConsecutiveFailures">Failed runs since the last success.</param>
/// <param name="NextAttempt">When the next run is due.</param>
/// <param name="MentionsPulled">Mentions committed since the worker started.</param>
public sealed record PullSourceStatus(string Source, Instant? LastSuccess, string? LastError, int ConsecutiveFailures,
    Instant NextAttempt, long MentionsPulled);
