namespace SocialSla.Core.Spikes;

/// <summary>What rose.</summary>
public enum SpikeKind : byte
{
    /// <summary>Mentions per minute, against the baseline for that hour of the week.</summary>
    Volume = 1,
    /// <summary>The share of negative mentions, against its baseline.</summary>
    NegativeShare,
}
