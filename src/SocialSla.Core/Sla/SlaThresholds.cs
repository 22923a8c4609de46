using NodaTime;

namespace SocialSla.Core.Sla;

/// <summary>Where the thresholds of a clock lie, as business time elapsed since the clock started.</summary>
public static class SlaThresholds
{
    private static readonly ThresholdLevel[] TargetLevels = [ThresholdLevel.Warning, ThresholdLevel.AtRisk, ThresholdLevel.Breached];
    private static readonly ThresholdLevel[] WindowLevels = [ThresholdLevel.WindowClosing];

    /// <summary>The levels a clock of <paramref name="kind"/> has, in the order they are reached.</summary>
    public static ReadOnlySpan<ThresholdLevel> LevelsOf(ClockKind kind) => kind == ClockKind.ReplyWindow ? WindowLevels : TargetLevels;

    /// <summary>The elapsed (business) time at which <paramref name="level"/> is reached for a clock with <paramref name="target"/>.</summary>
    /// <remarks>Warning is 50 % and at risk 80 % of the target, rounded down to the nanosecond; breached is the target;
    /// window closing is the target less <paramref name="windowLead"/> (never below zero).</remarks>
    public static Duration ElapsedAt(ThresholdLevel level, Duration target, Duration windowLead) => level switch
    {
        ThresholdLevel.Warning => Duration.FromNanoseconds(target.ToInt64Nanoseconds() / 2),
        ThresholdLevel.AtRisk => Duration.FromNanoseconds(target.ToInt64Nanoseconds() / 5 * 4 + target.ToInt64Nanoseconds() % 5 * 4 / 5),
        ThresholdLevel.Breached => target,
        ThresholdLevel.WindowClosing => Duration.Max(Duration.Zero, target - windowLead),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a defined threshold level."),
    };
}
