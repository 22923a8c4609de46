using NodaTime;

namespace SocialSla.Core.Spikes;

/// <summary>A spike started or ended.</summary>
/// <param name="Kind">What rose.</param>
/// <param name="Started"><see langword="true"/> when it started, <see langword="false"/> when it ended.</param>
/// <param name="At">The minute boundary whose evaluation decided it.</param>
/// <param name="WindowCount">Mentions (or negative mentions) in the window at that minute.</param>
/// <param name="Expected">What the baseline expected for the window.</param>
/// <param name="SpikeStartedAt">When the spike started (equal to <paramref name="At"/> on a start).</param>
public sealed record SpikeSignal(SpikeKind Kind, bool Started, Instant At, long WindowCount, double Expected, Instant SpikeStartedAt);
