namespace SocialSla.Core.Sla;

/// <summary>A point on a clock at which an alert fires when the clock is still running strictly after it.</summary>
public enum ThresholdLevel : byte
{
    /// <summary>50 % of the target has elapsed.</summary>
    Warning = 1,
    /// <summary>80 % of the target has elapsed.</summary>
    AtRisk,
    /// <summary>100 % of the target has elapsed: the target is missed.</summary>
    Breached,
    /// <summary>The platform reply window closes soon (its lead time before the window ends).</summary>
    WindowClosing,
}
