using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Kpis;

/// <summary>The finest dimension KPIs are kept by: account, channel, priority and UTC hour.</summary>
/// <param name="Account">The brand account.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Priority">The case priority (normal for plain mention counts).</param>
/// <param name="Hour">The start of the UTC hour the values belong to.</param>
/// <remarks>Day and coarser aggregates are merges of hours. A case's values all belong to the hour it opened in.</remarks>
public readonly record struct KpiKey(PlatformAccountId Account, Channel Channel, Priority Priority, Instant Hour)
{
    /// <summary>The start of the UTC hour that contains <paramref name="instant"/>.</summary>
    public static Instant HourOf(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - Mod(ticks, NodaConstants.TicksPerHour));
    }

    /// <summary>The start of the UTC day that contains <paramref name="instant"/>.</summary>
    public static Instant DayOf(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - Mod(ticks, NodaConstants.TicksPerDay));
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
