using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Sla;

/// <summary>Deadline and elapsed-time math for a clock run: business time of a calendar, less paused intervals.</summary>
/// <remarks>All intervals are half-open. Pauses must be sorted by start and must not overlap.</remarks>
public static class ClockMath
{
    /// <summary>The instant at which <paramref name="amount"/> of active time has passed since <paramref name="start"/>,
    /// or <see langword="null"/> when an unending pause stops the clock first.</summary>
    public static Instant? AddActiveTime(BusinessCalendar calendar, Instant start, Duration amount, IReadOnlyList<Interval> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pauses);
        if (pauses.Count == 0) return calendar.AddBusinessTime(start, amount);
        var at = start;
        var remaining = amount;
        for (var i = 0; i < pauses.Count; i++)
        {
            var pause = pauses[i];
            if (pause.HasEnd && pause.End <= at) continue;
            var pauseStart = pause.HasStart ? pause.Start : Instant.MinValue;
            if (pauseStart > at)
            {
                var available = calendar.BusinessTimeBetween(at, pauseStart);
                if (available >= remaining) return calendar.AddBusinessTime(at, remaining);
                remaining -= available;
            }
            if (!pause.HasEnd) return null;
            at = pause.End;
        }
        return calendar.AddBusinessTime(at, remaining);
    }

    /// <summary>Active (business, unpaused) time in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static Duration ActiveTimeBetween(BusinessCalendar calendar, Instant start, Instant end, IReadOnlyList<Interval> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pauses);
        if (end <= start) return Duration.Zero;
        var total = calendar.BusinessTimeBetween(start, end);
        for (var i = 0; i < pauses.Count; i++)
        {
            var pause = pauses[i];
            var from = Instant.Max(start, pause.HasStart ? pause.Start : Instant.MinValue);
            var to = Instant.Min(end, pause.HasEnd ? pause.End : Instant.MaxValue);
            if (to > from) total -= calendar.BusinessTimeBetween(from, to);
        }
        return total;
    }
}
