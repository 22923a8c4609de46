using NodaTime;

namespace SocialSla.Core.Calendars;

/// <summary>A business-hours calendar: weekly open hours (with split shifts) and whole-day holidays in a time zone, measuring only open time.</summary>
/// <remarks>
/// <para><b>Intervals.</b> Each open span of each non-holiday local date becomes the half-open instant interval
/// <c>[map(date, Start), map(date, End))</c>, where <c>map</c> resolves local times through <see cref="Dst"/> and an
/// end of 24:00 is 00:00 of the next date, resolved the same way. Hence 00:00-24:00 every day is open all the time,
/// even on 23- and 25-hour days and on days whose midnight is skipped, and a span ending 24:00 joins the next day's
/// span starting 00:00 without a gap. Measured intervals (<see cref="BusinessTimeBetween"/>) are half-open too.</para>
/// <para><b>Holidays</b> close whole local dates of <see cref="Zone"/>: the spans of that date are dropped.</para>
/// <para><b>Precision and consistency.</b> All arithmetic is exact to the nanosecond, and
/// <c>BusinessTimeBetween(s, AddBusinessTime(s, d)) == d</c> for every <c>d &gt;= 0</c> that is reachable.</para>
/// <para><b>Bounds.</b> Open time exists only on local dates from -9998-01-05 to 9999-12-27 (outside, a calendar
/// that is not <see cref="IsAlwaysOpen"/> is closed), which keeps every computation inside NodaTime's range. The walk
/// goes day by day but jumps whole weeks at a time across stretches without holiday or offset change, so a
/// computation costs about a step per DST transition day and holiday in range: even thousands of years of one open
/// minute a week finish quickly. An amount that would end after the range throws.</para>
/// <para><b>Thread safety and equality.</b> Immutable and thread-safe. Two calendars are equal when they have the same
/// zone instance (a provider such as <see cref="DateTimeZoneProviders.Tzdb"/> returns one instance per id), equal
/// weekly hours, the same holidays and the same DST policy.</para>
/// </remarks>
public sealed partial class BusinessCalendar : IEquatable<BusinessCalendar>
{
    private readonly HashSet<LocalDate> holidaySet;
    private readonly LocalDate[] holidays; // sorted, distinct
    private readonly long[] holidayDays;   // day numbers of 'holidays', for the week jumps

    /// <summary>Creates a calendar from a zone, weekly hours, optional holidays and a DST policy.</summary>
    /// <param name="zone">The zone whose local dates and times the hours and holidays are written in.</param>
    /// <param name="hours">The weekly open hours; must have at least one open span.</param>
    /// <param name="holidays">Local dates that are closed all day; null for none. Duplicates are ignored.</param>
    /// <param name="dst">How span bounds in DST gaps and overlaps map to instants.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> or <paramref name="hours"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dst"/> is not a defined policy.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="hours"/> has no open span, so the calendar would never be open.</exception>
    public BusinessCalendar(DateTimeZone zone, WeeklyHours hours, IEnumerable<LocalDate>? holidays = null, DstResolution dst = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        if (!Enum.IsDefined(dst))
        {
            throw new ArgumentOutOfRangeException(nameof(dst), dst, "Unknown DST resolution policy.");
        }

        if (hours.IsEmpty)
        {
            throw new InvalidOperationException(
                "A business calendar needs open time: the weekly hours have no open span on any day, so no clock could ever run.");
        }

        Zone = zone;
        Hours = hours;
        Dst = dst;
        holidaySet = holidays is null ? [] : [.. holidays];
        this.holidays = [.. holidaySet.Order()];
        holidayDays = Array.ConvertAll(this.holidays, DayNumber);
        IsAlwaysOpen = hours.IsAlwaysOpen && this.holidays.Length == 0;
    }

    /// <summary>Open all the time: 00:00-24:00 every day in UTC, without holidays.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(DateTimeZone.Utc, WeeklyHours.AlwaysOpen);

    /// <summary>The zone the weekly hours and holidays are written in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The weekly open hours.</summary>
    public WeeklyHours Hours { get; }

    /// <summary>The closed local dates, ascending and distinct.</summary>
    public IReadOnlyList<LocalDate> Holidays => holidays;

    /// <summary>The policy for span bounds in DST gaps and overlaps.</summary>
    public DstResolution Dst { get; }

    /// <summary>Whether the calendar is open all the time (24×7 hours and no holiday, in any zone), so business time equals elapsed time.</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>The open time in the half-open interval <c>[start, end)</c>; zero when <paramref name="end"/> is not after <paramref name="start"/>.</summary>
    public Duration BusinessTimeBetween(Instant start, Instant end)
    {
        if (end <= start) return Duration.Zero;
        if (IsAlwaysOpen) return end - start;

        var total = Duration.Zero;
        var date = FirstDate(start);
        var dayStart = Map(date, 0);
        while (date <= MaxDate && dayStart < end)
        {
            var linear = IsLinearDay(date, dayStart, out var linearUntil);
            if (linear && dayStart >= start)
            {
                var weeks = JumpableWeeks(date, dayStart, linearUntil);
                if (weeks > 0)
                {
                    weeks = Math.Min(weeks, (long)Math.Floor((end - dayStart) / OneWeek));
                    while (weeks > 0 && dayStart + OneWeek * weeks > end) weeks--;
                    if (weeks > 0)
                    {
                        total += Hours.NominalWeeklyOpenTime * weeks;
                        date = date.PlusDays((int)(7 * weeks));
                        dayStart += OneWeek * weeks;
                        continue;
                    }
                }
            }

            var nextDayStart = linear ? dayStart + OneDay : Map(date, NodaConstants.NanosecondsPerDay);
            if (!holidaySet.Contains(date))
            {
                foreach (var span in Hours.SpansOf(date.DayOfWeek))
                {
                    var open = linear ? dayStart + Duration.FromNanoseconds(span.StartNanoseconds) : Map(date, span.StartNanoseconds);
                    if (open >= end) break;
                    var close = span.EndsAtMidnight ? nextDayStart
                        : linear ? dayStart + Duration.FromNanoseconds(span.EndNanoseconds) : Map(date, span.EndNanoseconds);
                    var from = Instant.Max(open, start);
                    var to = Instant.Min(close, end);
                    if (to > from) total += to - from;
                }
            }

            date = date.PlusDays(1);
            dayStart = nextDayStart;
        }

        return total;
    }

    /// <summary>The earliest instant <c>t &gt;= start</c> with <c>BusinessTimeBetween(start, t) == amount</c>: a deadline <paramref name="amount"/> of open time after <paramref name="start"/>.</summary>
    /// <remarks>A zero amount gives <paramref name="start"/> itself, even when the calendar is closed then. A positive
    /// amount that is used up exactly at a closing time gives that closing time, not the next opening.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative, or the deadline would fall after the supported range (see remarks of <see cref="BusinessCalendar"/>).</exception>
    public Instant AddBusinessTime(Instant start, Duration amount)
    {
        if (amount < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Business time to add must not be negative.");
        }

        if (amount == Duration.Zero) return start;
        if (IsAlwaysOpen)
        {
            return amount <= Instant.MaxValue - start
                ? start + amount
                : throw new ArgumentOutOfRangeException(nameof(amount), amount, "The deadline would fall after the latest representable instant.");
        }

        var remaining = amount;
        var date = FirstDate(start);
        var dayStart = Map(date, 0);
        while (date <= MaxDate)
        {
            var linear = IsLinearDay(date, dayStart, out var linearUntil);
            if (linear && dayStart >= start)
            {
                var weeks = JumpableWeeks(date, dayStart, linearUntil);
                if (weeks > 0)
                {
                    // Jump only while strictly more than the jumped weeks remain: the deadline lies after them.
                    var weekly = Hours.NominalWeeklyOpenTime;
                    weeks = Math.Min(weeks, (long)Math.Floor(remaining / weekly));
                    while (weeks > 0 && weekly * weeks >= remaining) weeks--;
                    if (weeks > 0)
                    {
                        remaining -= weekly * weeks;
                        date = date.PlusDays((int)(7 * weeks));
                        dayStart += OneWeek * weeks;
                        continue;
                    }
                }
            }

            var nextDayStart = linear ? dayStart + OneDay : Map(date, NodaConstants.NanosecondsPerDay);
            if (!holidaySet.Contains(date))
            {
                foreach (var span in Hours.SpansOf(date.DayOfWeek))
                {
                    var close = span.EndsAtMidnight ? nextDayStart
                        : linear ? dayStart + Duration.FromNanoseconds(span.EndNanoseconds) : Map(date, span.EndNanoseconds);
                    if (close <= start) continue;
                    var open = linear ? dayStart + Duration.FromNanoseconds(span.StartNanoseconds) : Map(date, span.StartNanoseconds);
                    var from = Instant.Max(open, start);
                    if (close <= from) continue;
                    var available = close - from;
                    if (remaining <= available) return from + remaining;
                    remaining -= available;
                }
            }

            date = date.PlusDays(1);
            dayStart = nextDayStart;
        }

        throw new ArgumentOutOfRangeException(
            nameof(amount), amount, $"The deadline would fall after {MaxDate:uuuu-MM-dd}, the last date this calendar covers.");
    }

    /// <summary>Whether the calendar is open at <paramref name="instant"/> (the instant lies in an open interval).</summary>
    public bool IsOpen(Instant instant)
    {
        if (IsAlwaysOpen) return true;
        return instant < MaxInstant && BusinessTimeBetween(instant, instant + Duration.Epsilon) > Duration.Zero;
    }

    /// <inheritdoc/>
    public bool Equals(BusinessCalendar? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Zone.Equals(other.Zone) && Dst == other.Dst && Hours.Equals(other.Hours) && holidays.AsSpan().SequenceEqual(other.holidays)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BusinessCalendar);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Zone.Id, Hours, holidays.Length, Dst);

    /// <summary>Describes the calendar, e.g. <c>Europe/Berlin mon-fri 09:00-17:00 (3 holidays)</c>.</summary>
    public override string ToString() =>
        $"{Zone.Id} {Hours}" + (holidays.Length == 0 ? "" : $" ({holidays.Length} holidays)");
}
