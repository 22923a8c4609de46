using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Alerts;

/// <summary>An SLA alert raised for a clock threshold (design §3 "Alerts").</summary>
/// <remarks>Immutable. <see cref="Id"/> is deterministic: one alert per (case, clock run, threshold), ever.</remarks>
public sealed record SlaAlert
{
    /// <summary>The alert's identity.</summary>
    public required AlertId Id { get; init; }

    /// <summary>What it warns about.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>The case.</summary>
    public CaseId Case => Id.Case;

    /// <summary>The clock whose threshold was crossed.</summary>
    public ClockKind Clock => Id.Key.Clock;

    /// <summary>The brand account of the case.</summary>
    public required PlatformAccountId Account { get; init; }

    /// <summary>The clock's target.</summary>
    public required Duration Target { get; init; }

    /// <summary>The threshold instant that was crossed.</summary>
    public required Instant ThresholdAt { get; init; }

    /// <summary>When the target is (or was) due: the clock's breach instant, or the reply window's end.</summary>
    public required Instant DueAt { get; init; }

    /// <summary>When the alert was raised (the evaluation instant).</summary>
    public required Instant RaisedAt { get; init; }

    /// <summary>Business time elapsed on the clock when the alert was raised.</summary>
    public required Duration Elapsed { get; init; }

    /// <summary>The case's priority.</summary>
    public required Priority Priority { get; init; }

    /// <summary>The customer's handle, when known.</summary>
    public string? CustomerHandle { get; init; }

    /// <summary>A link to the customer's message, when known.</summary>
    public string? Link { get; init; }

    /// <summary>The start of the customer's first message, when the host keeps text.</summary>
    public string Excerpt { get; init; } = "";

    /// <summary>The kind of alert a threshold level raises.</summary>
    public static AlertKind KindOf(ThresholdLevel level) => level switch
    {
        ThresholdLevel.Warning => AlertKind.Warning,
        ThresholdLevel.AtRisk => AlertKind.AtRisk,
        ThresholdLevel.Breached => AlertKind.Breached,
        ThresholdLevel.WindowClosing => AlertKind.ReplyWindowClosing,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a defined level."),
    };
}
