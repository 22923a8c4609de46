using NodaTime;
using SocialSla.Core.Cases;

namespace SocialSla.Core.Sla;

/// <summary>Everything the SLA rules say about a case at one instant: its status, clock runs and reply times.</summary>
/// <remarks>Produced by <see cref="SlaEvaluator.Evaluate"/>; a pure function of the timeline, the terms and the
/// instant, so the same inputs always give an equal evaluation.</remarks>
public readonly struct SlaEvaluation
{
    /// <summary>Where the case stands (never <see cref="CaseStatus.Closed"/>, which only the case machine decides).</summary>
    public required CaseStatus Status { get; init; }

    /// <summary>The first customer message that counts: the first actionable one, or the one a brand reply answered.</summary>
    public Instant? OpenedAt { get; init; }

    /// <summary>Where resolution time ends: the explicit resolution, or the last brand reply before an automatic one.</summary>
    public Instant? ResolvedAt { get; init; }

    /// <summary>When the case became resolved (the explicit resolution, or the end of the customer's silence).</summary>
    public Instant? ClosedAt { get; init; }

    /// <summary>When the case will resolve itself if the customer stays silent, while that is pending.</summary>
    public Instant? AutoResolveAt { get; init; }

    /// <summary>How often a customer message reopened the case after it was resolved.</summary>
    public int Reopens { get; init; }

    /// <summary>Whether a person on the brand's team answered at least one customer message.</summary>
    public bool Answered { get; init; }

    /// <summary>Business time from the first counted customer message to the first brand reply.</summary>
    public Duration? FirstReplyTime { get; init; }

    /// <summary>Every brand reply that answered pending customer messages, measured from the earliest pending one.</summary>
    public required IReadOnlyList<Duration> ResponseTimes { get; init; }

    /// <summary>Business time from <see cref="OpenedAt"/> to <see cref="ResolvedAt"/>, once resolved.</summary>
    public Duration? ResolutionTime { get; init; }

    /// <summary>The clock runs, in the order they started (resolution last).</summary>
    public required IReadOnlyList<ClockRun> Clocks { get; init; }

    /// <summary>Intervals in which the clocks were paused, sorted; the last may have no end.</summary>
    public required IReadOnlyList<Interval> Pauses { get; init; }
}
