using NodaTime;

namespace SocialSla.Core.Alerts.Escalation;

/// <summary>The on-call ladder: warning → at risk → breached. An alert still unacknowledged after its level's wait
/// also goes to the recipients of the next level (the team channel's warning reaches the lead, the lead's at-risk
/// reaches on-call); a level with no wait does not escalate.</summary>
/// <param name="Waits">The wait per level before escalating.</param>
public sealed record EscalationLadder(IReadOnlyDictionary<AlertKind, Duration> Waits)
{
    /// <summary>No escalation.</summary>
    public static EscalationLadder None { get; } = new(new Dictionary<AlertKind, Duration>());

    /// <summary>The level an unacknowledged alert escalates to, if any.</summary>
    public static AlertKind? NextLevel(AlertKind level) => level switch
    {
        AlertKind.Warning => AlertKind.AtRisk,
        AlertKind.AtRisk => AlertKind.Breached,
        _ => null,
    };
}
