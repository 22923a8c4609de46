namespace SocialSla.Core.Triage;

/// <summary>One ordered routing rule: when its conditions hold, the message gets its tags and, unless an earlier
/// rule named one, its queue.</summary>
/// <param name="Name">The rule's name, for reports (never empty).</param>
/// <param name="When">The conditions.</param>
/// <remarks>Immutable.</remarks>
public sealed record RoutingRule(string Name, RoutingConditions When)
{
    /// <summary>The tags the rule adds (e.g. <c>billing</c>, <c>shipping</c>, <c>outage</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The queue the rule names, or <see langword="null"/> to leave the choice to later rules.</summary>
    public string? Queue { get; init; }

    /// <summary>Whether no later rule is tried once this one applies.</summary>
    public bool Stop { get; init; }
}
