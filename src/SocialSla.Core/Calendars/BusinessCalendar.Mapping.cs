using NodaTime;

namespace SocialSla.Core.Calendars;

/// <content>Local-to-instant mapping and the helpers of the day walk.</content>
public sealed partial class BusinessCalendar
{
    private static readonly LocalDate MinDate = new(-9998, 1, 5);
    private static readonly LocalDate MaxDate = new(9999, 12, 27);
    private static readonly Instant MinInstant = Instant.FromUtc(-9998, 1, 5, 0, 0);
    private static readonly Instant MaxInstant = Instant.FromUtc(9999, 12, 28, 0, 0);
    private static readonly Duration OneDay = Duration.FromDays(1);
    private static readonly Duration OneWeek = Duration.FromDays(7);

    // A day is mapped linearly when its zone interval lasts at least this long after the day's start; the margin
    // also rules out ambiguity with the next interval (offsets differ by at most 36 h).
    private static readonly Duration LinearMargin = Duration.FromDays(3);

    /// <summary>The first date whose spans can reach <paramref name="start"/>: the day before its local date (a later-of-overlap policy can map a bound of that day after start).</summary>
    private LocalDate FirstDate(Instant start)
    {
        var clamped = start < MinInstant ? MinInstant : start > MaxInstant ? MaxInstant : start;
        var date = clamped.InZone(Zone).Date.PlusDays(-1);
        return date < MinDate ? MinDate : date;
    }

    /// <summary>Maps a local time of <paramref name="date"/> (nanoseconds since midnight; a whole day means 24:00) to an instant under <see cref="Dst"/>.</summary>
    private Instant Map(LocalDate date, long nanosecondOfDay)
    {
        var local = nanosecondOfDay == NodaConstants.NanosecondsPerDay
            ? date.PlusDays(1).AtMidnight()
            : date.At(LocalTime.Midnight.PlusNanoseconds(nanosecondOfDay));
        var mapping = Zone.MapLocal(local);
        return mapping.Count switch
        {
            0 => mapping.LateInterval.Start, // in a gap: the first instant after it
            1 => mapping.Single().ToInstant(),
            _ => Dst == DstResolution.ShiftToAfterGapEarlierOfOverlap ? mapping.First().ToInstant() : mapping.Last().ToInstant(),
        };
    }

    /// <summary>
    /// Whether every local time of <paramref name="date"/> maps to <c>dayStart + time</c>: the day starts at a real
    /// local midnight and its zone interval outlasts it by <see cref="LinearMargin"/>. Such days need no zone lookups.
    /// </summary>
    private bool IsLinearDay(LocalDate date, Instant dayStart, out Instant intervalEnd)
    {
        var interval = Zone.GetZoneInterval(dayStart);
        intervalEnd = interval.HasEnd ? interval.End : Instant.MaxValue;
        return (!interval.HasEnd || interval.End - dayStart >= LinearMargin)
            && dayStart.WithOffset(interval.WallOffset).LocalDateTime == date.AtMidnight();
    }

    /// <summary>How many whole weeks from a linear day can be taken at their nominal open time: no offset change, no holiday, inside the range.</summary>
    private long JumpableWeeks(LocalDate date, Instant dayStart, Instant intervalEnd)
    {
        var day = DayNumber(date);
        var weeks = (DayNumber(MaxDate) - day + 1) / 7;
        if (intervalEnd != Instant.MaxValue)
        {
            weeks = Math.Min(weeks, (long)Math.Floor((intervalEnd - dayStart - LinearMargin) / OneWeek));
        }

        var next = Array.BinarySearch(holidayDays, day);
        if (next < 0) next = ~next;
        if (next < holidayDays.Length) weeks = Math.Min(weeks, (holidayDays[next] - day) / 7);
        return Math.Max(weeks, 0);
    }

    /// <summary>Days since 1970-01-01 (negative before).</summary>
    private static long DayNumber(LocalDate date) =>
        date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks() / NodaConstants.TicksPerDay;
}
