namespace SocialSla.Core.Cases;

/// <summary>How close an open case is to missing a target, as the board colours it.</summary>
/// <remarks>Ordered from calm to urgent, except <see cref="Paused"/> and <see cref="Idle"/>, which say that no clock
/// is counting. See <see cref="CaseClocks.Urgency"/> for how it is derived.</remarks>
public enum CaseUrgency : byte
{
    /// <summary>No clock is running (every target met, or none started).</summary>
    Idle = 0,
    /// <summary>A clock is counting and has used less than its warning share of the target.</summary>
    Running,
    /// <summary>A running clock is past its warning threshold (50 % of the target).</summary>
    Warning,
    /// <summary>A running clock is past its at-risk threshold (80 % of the target).</summary>
    AtRisk,
    /// <summary>A running clock is past its target.</summary>
    Breached,
    /// <summary>Clocks are running but not counting now (the case is paused), and none is breached.</summary>
    Paused,
}
