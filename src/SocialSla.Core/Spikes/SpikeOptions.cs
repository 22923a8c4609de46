using NodaTime;

namespace SocialSla.Core.Spikes;

/// <summary>When a rise in mention volume or in the share of negative mentions counts as a spike, and when it ends.</summary>
/// <remarks>The defaults fire on a 5× burst over a normal hour within two minutes and stay silent through ordinary
/// daily and weekly variation, which the hour-of-week baseline already expects.</remarks>
public sealed record SpikeOptions
{
    /// <summary>The sliding window whose count is compared with the baseline (whole minutes). Every minute of it must
    /// be above <see cref="ResolveRatio"/> × its expected count too: a spike lasts at least this long, and a single
    /// minute's burst of retweets is not one.</summary>
    public int WindowMinutes { get; init; } = 2;

    /// <summary>A window needs at least this many mentions to be a spike (a quiet account's 3 mentions are not).</summary>
    public int MinimumCount { get; init; } = 10;

    /// <summary>The window's count must be at least this multiple of the expected count.</summary>
    public double MinimumRatio { get; init; } = 2.5;

    /// <summary>The chance of a count at least this high under the baseline must be below this.</summary>
    public double MaximumTailProbability { get; init; } = 1e-8;

    /// <summary>A spike ends after this many consecutive minutes at or below <see cref="ResolveRatio"/> × expected.</summary>
    public int ResolveMinutes { get; init; } = 10;

    /// <summary>The multiple of the expected count at or below which a window counts towards the end of a spike, and
    /// above which each minute of a window must be for the window to start one.</summary>
    public double ResolveRatio { get; init; } = 1.5;

    /// <summary>Weight of the newest week in the hour-of-week baseline (exponentially weighted mean).</summary>
    public double BaselineWeight { get; init; } = 0.3;

    /// <summary>Weeks of history an hour of the week needs before it is tested (before that it is learning).</summary>
    public int MinimumBaselineWeeks { get; init; } = 1;

    /// <summary>The negative share must exceed the baseline share by at least this much for a sentiment surge.</summary>
    public double MinimumNegativeShareRise { get; init; } = 0.25;

    /// <summary>The time zone whose hours of the week the baseline follows (the account's audience).</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>The defaults.</summary>
    public static SpikeOptions Default { get; } = new();

    /// <summary>Throws when a value is outside its meaningful range.</summary>
    public void Validate()
    {
        if (WindowMinutes is < 1 or > 60) throw new ArgumentOutOfRangeException(nameof(WindowMinutes), WindowMinutes, "between 1 and 60 minutes");
        if (MinimumCount < 1) throw new ArgumentOutOfRangeException(nameof(MinimumCount), MinimumCount, "at least 1");
        if (MinimumRatio <= 1) throw new ArgumentOutOfRangeException(nameof(MinimumRatio), MinimumRatio, "above 1");
        if (MaximumTailProbability is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(MaximumTailProbability), MaximumTailProbability, "between 0 and 1");
        if (ResolveMinutes < 1) throw new ArgumentOutOfRangeException(nameof(ResolveMinutes), ResolveMinutes, "at least 1");
        if (ResolveRatio < 1 || ResolveRatio >= MinimumRatio) throw new ArgumentOutOfRangeException(nameof(ResolveRatio), ResolveRatio, "at least 1 and below the minimum ratio");
        if (BaselineWeight is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(BaselineWeight), BaselineWeight, "in (0, 1]");
        if (MinimumBaselineWeeks < 1) throw new ArgumentOutOfRangeException(nameof(MinimumBaselineWeeks), MinimumBaselineWeeks, "at least 1");
        if (MinimumNegativeShareRise is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(MinimumNegativeShareRise), MinimumNegativeShareRise, "between 0 and 1");
        ArgumentNullException.ThrowIfNull(Zone);
    }
}
