using NodaTime;

namespace SocialSla.Core.Health;

/// <summary>How a writer's recent writes went (the inbox's appends, the engine's commits, one sink's deliveries): a
/// run of failures since an instant, with the last reason, or none.</summary>
/// <remarks>Immutable; a success ends a run of failures, a failure starts one or extends it (the run keeps the instant
/// it started). Reasons name an error, never a secret or message text. Equality is by value.</remarks>
/// <param name="FailingSince">When the current run of failures started; <see langword="null"/> when the last write worked.</param>
/// <param name="LastError">Why the last write failed, while failing.</param>
/// <param name="ConsecutiveFailures">Failures since the last success.</param>
public sealed record WriteHealth(Instant? FailingSince, string? LastError, long ConsecutiveFailures)
{
    /// <summary>No failure since the last success (the start state).</summary>
    public static WriteHealth Ok { get; } = new(null, null, 0);

    /// <summary>Whether the last write failed.</summary>
    public bool IsFailing => FailingSince is not null;

    /// <summary>The state after a write that worked.</summary>
    public WriteHealth Succeeded() => IsFailing ? Ok : this;

    /// <summary>The state after a write that failed at <paramref name="now"/> because of <paramref name="reason"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public WriteHealth Failed(Instant now, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new WriteHealth(FailingSince ?? now, reason, ConsecutiveFailures + 1);
    }
}
