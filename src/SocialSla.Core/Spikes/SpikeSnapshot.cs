namespace SocialSla.Core.Spikes;

/// <summary>The detector's view of now, for the KPI API: the current rate against the baseline for this hour of the week.</summary>
/// <param name="HourOfWeek">0 = Monday 00:00–01:00 in the options' zone … 167 = Sunday 23:00–24:00.</param>
/// <param name="BaselinePerMinute">Mentions per minute the baseline expects now; <see langword="null"/> while learning.</param>
/// <param name="CurrentPerMinute">Mentions per minute in the last window.</param>
/// <param name="BaselineNegativeShare">The usual share of negative mentions; <see langword="null"/> before any.</param>
/// <param name="CurrentNegativeShare">The share in the last window; <see langword="null"/> when it was empty.</param>
/// <param name="VolumeSpike">Whether a volume spike is on.</param>
/// <param name="NegativeSurge">Whether a negative-share surge is on.</param>
public sealed record SpikeSnapshot(int HourOfWeek, double? BaselinePerMinute, double CurrentPerMinute,
    double? BaselineNegativeShare, double? CurrentNegativeShare, bool VolumeSpike, bool NegativeSurge);
