using SocialSla.Core.Mentions;

namespace SocialSla.Core.Sla;

/// <summary>The conditions of a policy rule; each set that is given must contain the case's value.</summary>
/// <remarks>A <see langword="null"/> or empty set matches anything. <see cref="Accounts"/> hold account values
/// (<c>AdobeCare</c>) or full ids (<c>x:AdobeCare</c>), compared ordinally; <see cref="Tags"/> match when the case has
/// at least one of them.</remarks>
public sealed record SlaRuleConditions
{
    /// <summary>Matches any case.</summary>
    public static SlaRuleConditions Any { get; } = new();

    /// <summary>Platforms the rule applies to.</summary>
    public IReadOnlySet<Platform>? Platforms { get; init; }

    /// <summary>Channels the rule applies to.</summary>
    public IReadOnlySet<Channel>? Channels { get; init; }

    /// <summary>Accounts the rule applies to.</summary>
    public IReadOnlySet<string>? Accounts { get; init; }

    /// <summary>Priorities the rule applies to.</summary>
    public IReadOnlySet<Priority>? Priorities { get; init; }

    /// <summary>Tags of which the case must carry at least one.</summary>
    public IReadOnlySet<string>? Tags { get; init; }

    /// <summary>Whether a case with these facts meets every condition.</summary>
    public bool Matches(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (Platforms is { Count: > 0 } && !Platforms.Contains(facts.Account.Platform)) return false;
        if (Channels is { Count: > 0 } && !Channels.Contains(facts.Channel)) return false;
        if (Priorities is { Count: > 0 } && !Priorities.Contains(facts.Priority)) return false;
        if (Accounts is { Count: > 0 } && !Accounts.Contains(facts.Account.Value) && !Accounts.Contains(facts.Account.ToString())) return false;
        if (Tags is { Count: > 0 } && !facts.Tags.Any(Tags.Contains)) return false;
        return true;
    }
}
