using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Sla;

/// <summary>One rule of a <see cref="SlaPolicy"/>: conditions and the targets they choose.</summary>
/// <remarks>A target left <see langword="null"/> keeps the built-in default for the case (design §3); a target set
/// to <see cref="Off"/> means "no deadline" for that clock.</remarks>
public sealed record SlaRule
{
    /// <summary>A target value meaning "this clock has no deadline".</summary>
    public static readonly Duration Off = Duration.MinValue;

    /// <summary>Creates a rule.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public SlaRule(string name, SlaRuleConditions when)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(when);
        Name = name;
        When = when;
    }

    /// <summary>The rule's name, reported with every case it applies to.</summary>
    public string Name { get; }

    /// <summary>When the rule applies.</summary>
    public SlaRuleConditions When { get; }

    /// <summary>The first-reply target.</summary>
    public Duration? FirstReply { get; init; }

    /// <summary>The next-reply target.</summary>
    public Duration? NextReply { get; init; }

    /// <summary>The resolution target.</summary>
    public Duration? Resolution { get; init; }

    /// <summary>The calendar the targets count in; <see langword="null"/> keeps the default (24×7 UTC).</summary>
    public BusinessCalendar? Calendar { get; init; }
}
