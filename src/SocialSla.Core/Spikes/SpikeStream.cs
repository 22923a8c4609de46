using SocialSla.Core.Mentions;

namespace SocialSla.Core.Spikes;

/// <summary>One stream of mentions a spike detector watches: a brand account on one channel.</summary>
/// <param name="Account">The brand account.</param>
/// <param name="Channel">The channel.</param>
public readonly record struct SpikeStream(PlatformAccountId Account, Channel Channel)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Account}/{Channel.ToWireName()}";
}
