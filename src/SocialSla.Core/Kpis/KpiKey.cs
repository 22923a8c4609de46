using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Kpis;

/// <summary>The finest dimension KPIs are kept by: account, channel, priority, routing queue and tags, and UTC hour.</summary>
/// <param name="Account">The brand account.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Priority">The case priority (normal for plain mention counts).</param>
/// <param name="Hour">The start of the UTC hour the values belong to.</param>
/// <remarks>Day and coarser aggregates are merges of hours. A case's values all belong to the hour it opened in, and to
/// its queue and tag set as last routed (they move with it, as they move with its priority). Equality includes
/// <see cref="Queue"/> and <see cref="Tags"/>.</remarks>
public readonly record struct KpiKey(PlatformAccountId Account, Channel Channel, Priority Priority, Instant Hour)
{
    /// <summary>The routing queue (triage's), or <see langword="null"/> without one.</summary>
    public string? Queue { get; init; }

    /// <summary>The routing tags as one set, <see cref="TagSet"/>'s form; <see langword="null"/> without tags. A
    /// breakdown by tag counts the values under each of them.</summary>
    public string? Tags { get; init; }

    /// <summary>Tags as the one string <see cref="Tags"/> holds: joined by spaces in their order; <see langword="null"/>
    /// when there are none.</summary>
    public static string? TagSet(IReadOnlyList<string>? tags) => tags is null || tags.Count == 0 ? null : string.Join(' ', tags);

    /// <summary>The tags of a <see cref="Tags"/> set.</summary>
    public static string[] TagsOf(string? tagSet) => string.IsNullOrEmpty(tagSet) ? [] : tagSet.Split(' ', StringSplitOptions.RemoveEmptyEntries);

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
