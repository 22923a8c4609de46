namespace SocialSla.Core.Spikes;

/// <summary>Which end of a spike an alert announces.</summary>
public enum SpikePhase : byte
{
    /// <summary>The spike started.</summary>
    Started = 1,
    /// <summary>The spike ended.</summary>
    Resolved,
}
