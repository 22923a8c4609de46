namespace SocialSla.Core.Alerts;

/// <summary>What a PagerDuty Events API v2 event does to an incident.</summary>
public enum PagerDutyAction : byte
{
    /// <summary>Open (or update) the incident.</summary>
    Trigger = 1,

    /// <summary>Acknowledge it.</summary>
    Acknowledge,

    /// <summary>Resolve it.</summary>
    Resolve,
}
