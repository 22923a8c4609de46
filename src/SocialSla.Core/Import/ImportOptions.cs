using NodaTime;

namespace SocialSla.Core.Import;

/// <summary>How an importer treats bad records, message text and arrival times.</summary>
/// <remarks>Immutable; the defaults keep going past bad records, keep the text and take the arrival time from the
/// message's creation time.</remarks>
public sealed record ImportOptions
{
    /// <summary>Whether to stop at the first bad record (<see langword="true"/>) instead of skipping it and going on (default).</summary>
    public bool Strict { get; init; }

    /// <summary>Whether to keep each message's text (default); when <see langword="false"/> the text is empty to save memory in replays.</summary>
    public bool KeepText { get; init; } = true;

    /// <summary>The arrival time stamped on every imported message, or <see langword="null"/> (default) to use each message's creation time.</summary>
    /// <remarks>A JSONL record's own <c>receivedAt</c> takes precedence over this value.</remarks>
    public Instant? ReceivedAt { get; init; }
}
