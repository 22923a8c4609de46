using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>When a routing rule applies: every condition that is set must hold; an unset (null or empty) one holds
/// always.</summary>
/// <remarks>Immutable; equality is by reference of the sets (records compare members by their own equality).</remarks>
public sealed record RoutingConditions
{
    /// <summary>A rule that applies to every message.</summary>
    public static RoutingConditions Any { get; } = new();

    /// <summary>Terms of which at least one must occur in the text (whole words, ignoring case; <c>refund*</c> matches
    /// words that start with <c>refund</c>; several words match as a phrase).</summary>
    public IReadOnlyList<string>? Terms { get; init; }

    /// <summary>Channels of which the message's must be one.</summary>
    public IReadOnlySet<Channel>? Channels { get; init; }

    /// <summary>Platforms of which the message's must be one.</summary>
    public IReadOnlySet<Platform>? Platforms { get; init; }

    /// <summary>Brand accounts (<c>platform:account</c>, or just the account value) of which the message's must be one.</summary>
    public IReadOnlySet<string>? Accounts { get; init; }

    /// <summary>Languages of which the message's must be one.</summary>
    public IReadOnlySet<Language>? Languages { get; init; }
}
