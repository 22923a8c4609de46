using SocialSla.Core.Pulls;

namespace SocialSla.Standalone.Pulls;

/// <summary>A source to poll, how often, and the credential its requests carry.</summary>
/// <remarks>The credential (an X or Reddit bearer token, a YouTube API key) is added to requests only; it is never
/// logged, shown in status or printed by <see cref="ToString"/>.</remarks>
public sealed record PullJob
{
    /// <summary>Creates a job.</summary>
    /// <param name="source">The source.</param>
    /// <param name="interval">The time between the starts of successful runs; at least one second.</param>
    /// <param name="credential">The secret the source's <see cref="PullAuth"/> asks for, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is shorter than one second.</exception>
    public PullJob(PullSource source, TimeSpan interval, string? credential = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (interval < TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A source is polled at most once a second.");
        Source = source;
        Interval = interval;
        Credential = credential;
    }

    /// <summary>The source.</summary>
    public PullSource Source { get; }

    /// <summary>The time between the starts of successful runs.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The secret for the source's <see cref="PullAuth"/>; never logged or shown.</summary>
    public string? Credential { get; }

    /// <summary>The source's name and interval; never the credential.</summary>
    public override string ToString() => $"PullJob {{ Source = {Source.Name}, Interval = {Interval}, Credential = {(Credential is null ? "none" : "***")} }}";
}
