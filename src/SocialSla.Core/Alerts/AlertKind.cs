namespace SocialSla.Core.Alerts;

/// <summary>What an alert warns about (design §3).</summary>
public enum AlertKind : byte
{
    /// <summary>Half of a reply target has passed.</summary>
    Warning = 1,
    /// <summary>80 % of a reply target has passed.</summary>
    AtRisk,
    /// <summary>A target was missed.</summary>
    Breached,
    /// <summary>The platform's private-reply window is about to close.</summary>
    ReplyWindowClosing,
    /// <summary>Mention volume is far above its baseline for that hour of the week (a spike alert, not per case).</summary>
    VolumeSpike,
    /// <summary>The share of negative mentions is far above its usual share (a spike alert, not per case).</summary>
    NegativeSurge,
}
