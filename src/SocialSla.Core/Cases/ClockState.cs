namespace SocialSla.Core.Cases;

/// <summary>Where one clock of a case stands.</summary>
public enum ClockState : byte
{
    /// <summary>Counting towards its target.</summary>
    Running = 1,

    /// <summary>Running, but not counting now (the case is paused).</summary>
    Paused,

    /// <summary>Stopped within its target.</summary>
    Fulfilled,

    /// <summary>Past its target, running or stopped.</summary>
    Breached,
}
