namespace SocialSla.Core.Alerts.Storms;

/// <summary>What to do with an alert for one recipient, or with a group.</summary>
public enum StormAction : byte
{
    /// <summary>No storm: deliver the alert on its own.</summary>
    Deliver = 1,
    /// <summary>This alert made a storm: deliver one grouped incident (count and cases so far) instead.</summary>
    OpenGroup,
    /// <summary>The alert joined the open group and the cooldown has passed: send the group's rolling count.</summary>
    UpdateGroup,
    /// <summary>The alert joined the open group; nothing is sent now (the next update or the close carries it).</summary>
    Fold,
    /// <summary>The storm is over: send the group's final count.</summary>
    CloseGroup,
}
