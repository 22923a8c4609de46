using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Sla;

/// <summary>The reply targets and calendar that apply to one case, chosen by the <see cref="SlaPolicy"/>.</summary>
/// <remarks>
/// A <see langword="null"/> target means "no deadline" for that clock. Targets count business time of
/// <see cref="Calendar"/>; the platform reply window counts wall-clock time. Thresholds fire at 50 %, 80 % and 100 %
/// of a target (<see cref="SlaThresholds"/>). Immutable; equality is by value (the calendar by reference).
/// </remarks>
public sealed record SlaTerms
{
    /// <summary>The name of the policy rule that chose these terms (<c>default</c> for the built-in defaults).</summary>
    public required string RuleName { get; init; }

    /// <summary>The first-reply target.</summary>
    public Duration? FirstReply { get; init; }

    /// <summary>The next-reply target.</summary>
    public Duration? NextReply { get; init; }

    /// <summary>The resolution target.</summary>
    public Duration? Resolution { get; init; }

    /// <summary>The platform's private-reply window (24 h for Meta DMs), or <see langword="null"/> when the platform has none.</summary>
    public Duration? ReplyWindow { get; init; }

    /// <summary>How long before the reply window closes the <see cref="ThresholdLevel.WindowClosing"/> alert fires.</summary>
    public Duration ReplyWindowLead { get; init; } = Duration.FromHours(1);

    /// <summary>The business-hours calendar the targets count in.</summary>
    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.AlwaysOpen;

    /// <summary>The target of a clock kind, or <see langword="null"/> when it has none.</summary>
    public Duration? TargetOf(ClockKind kind) => kind switch
    {
        ClockKind.FirstReply => FirstReply,
        ClockKind.NextReply => NextReply,
        ClockKind.Resolution => Resolution,
        ClockKind.ReplyWindow => ReplyWindow,
        _ => null,
    };
}
