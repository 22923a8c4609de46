namespace SocialSla.Core.Cases;

/// <summary>Keeps a case's timeline sorted as entries arrive in any order.</summary>
public static class CaseTimeline
{
    /// <summary>A new timeline with <paramref name="entry"/> inserted after every entry that sorts before or equal to it.</summary>
    /// <remarks>Entries sort by instant, then customer messages before replies before resolutions before pauses; equal
    /// entries keep their arrival order. The input array is not changed.</remarks>
    public static TimelineEntry[] Insert(TimelineEntry[] timeline, TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var at = timeline.Length;
        while (at > 0 && Compare(timeline[at - 1], entry) > 0) at--;
        var result = new TimelineEntry[timeline.Length + 1];
        Array.Copy(timeline, result, at);
        result[at] = entry;
        Array.Copy(timeline, at, result, at + 1, timeline.Length - at);
        return result;
    }

    private static int Compare(TimelineEntry a, TimelineEntry b)
    {
        var byTime = a.At.CompareTo(b.At);
        return byTime != 0 ? byTime : a.Rank.CompareTo(b.Rank);
    }
}
