using System.Diagnostics;
using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

// Expected values are worked out by hand in UTC: Berlin is UTC+1 (CET) in winter and UTC+2 (CEST) from
// 2026-03-29T01:00Z to 2026-10-25T01:00Z; New York is UTC-5 (EST) in winter and UTC-4 (EDT) from 2026-03-08T07:00Z
// to 2026-11-01T06:00Z. 2026-01-12 is a Monday.
public partial class BusinessCalendarTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static readonly BusinessCalendar BerlinOffice = new(Berlin, WeeklyHours.Parse("mon-fri 09:00-17:00"));

    private static readonly BusinessCalendar NewYorkSplit =
        new(NewYork, WeeklyHours.Parse("mon-fri 09:00-12:00,13:00-17:00"), [new LocalDate(2026, 7, 3)]);

    private static Instant Utc(int year, int month, int day, int hour, int minute) => Instant.FromUtc(year, month, day, hour, minute);

    private static BusinessCalendar Calendar(DateTimeZone zone, string hours, params LocalDate[] holidays) =>
        new(zone, WeeklyHours.Parse(hours), holidays);

    [Fact]
    public void BusinessTimeBetween_InsideOneSpan_EqualsElapsed() =>
        Assert.Equal(Duration.FromMinutes(150), BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 12, 9, 0), Utc(2026, 1, 12, 11, 30)));

    [Fact]
    public void BusinessTimeBetween_AcrossLunchBreak_SkipsTheBreak() =>
        // 11:00 to 14:00 EST: 11-12 and 13-14 are open.
        Assert.Equal(Duration.FromHours(2), NewYorkSplit.BusinessTimeBetween(Utc(2026, 1, 12, 16, 0), Utc(2026, 1, 12, 19, 0)));

    [Fact]
    public void BusinessTimeBetween_OverWeekend_CountsOnlyFridayAndMonday() =>
        // Fri 16:00 CET to Mon 10:00 CET.
        Assert.Equal(Duration.FromHours(2), BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 16, 15, 0), Utc(2026, 1, 19, 9, 0)));

    [Fact]
    public void BusinessTimeBetween_OverHoliday_SkipsTheWholeDay()
    {
        // Thu 2026-07-02 16:00 EDT to Mon 2026-07-06 10:00 EDT; Friday 07-03 is a holiday.
        var start = Utc(2026, 7, 2, 20, 0);
        var end = Utc(2026, 7, 6, 14, 0);
        Assert.Equal(Duration.FromHours(2), NewYorkSplit.BusinessTimeBetween(start, end));
        var noHoliday = Calendar(NewYork, "mon-fri 09:00-12:00,13:00-17:00");
        Assert.Equal(Duration.FromHours(9), noHoliday.BusinessTimeBetween(start, end));
    }

    [Fact]
    public void BusinessTimeBetween_EndNotAfterStart_IsZero()
    {
        Assert.Equal(Duration.Zero, BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 12, 10, 0), Utc(2026, 1, 12, 9, 0)));
        Assert.Equal(Duration.Zero, BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 12, 10, 0), Utc(2026, 1, 12, 10, 0)));
        Assert.Equal(Duration.Zero, BusinessCalendar.AlwaysOpen.BusinessTimeBetween(Utc(2026, 1, 12, 10, 0), Utc(2026, 1, 12, 9, 0)));
    }

    [Fact]
    public void BusinessTimeBetween_WholeWeekend_IsZero() =>
        Assert.Equal(Duration.Zero, BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 16, 16, 0), Utc(2026, 1, 19, 8, 0)));

    [Fact]
    public void BusinessTimeBetween_Bounds_AreHalfOpen()
    {
        // Open [08:00Z, 16:00Z) on Monday 2026-01-12.
        Assert.Equal(Duration.Zero, BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 12, 16, 0), Utc(2026, 1, 12, 16, 30)));
        Assert.Equal(Duration.Epsilon, BerlinOffice.BusinessTimeBetween(Utc(2026, 1, 12, 8, 0), Utc(2026, 1, 12, 8, 0) + Duration.Epsilon));
        Assert.True(BerlinOffice.IsOpen(Utc(2026, 1, 12, 8, 0)));
        Assert.False(BerlinOffice.IsOpen(Utc(2026, 1, 12, 8, 0) - Duration.Epsilon));
        Assert.True(BerlinOffice.IsOpen(Utc(2026, 1, 12, 16, 0) - Duration.Epsilon));
        Assert.False(BerlinOffice.IsOpen(Utc(2026, 1, 12, 16, 0)));
    }

    [Fact]
    public void AddBusinessTime_StartBeforeOpening_CountsFromOpening() =>
        Assert.Equal(Utc(2026, 1, 12, 9, 0), BerlinOffice.AddBusinessTime(Utc(2026, 1, 12, 5, 0), Duration.FromHours(1)));

    [Fact]
    public void AddBusinessTime_StartInsideSpan_RollsOverToNextDay() =>
        // Mon 16:30 CET + 1h: 30 min on Monday, 30 min from Tue 09:00 CET.
        Assert.Equal(Utc(2026, 1, 13, 8, 30), BerlinOffice.AddBusinessTime(Utc(2026, 1, 12, 15, 30), Duration.FromHours(1)));

    [Fact]
    public void AddBusinessTime_StartFridayEvening_LandsOnMonday() =>
        Assert.Equal(Utc(2026, 1, 19, 8, 30), BerlinOffice.AddBusinessTime(Utc(2026, 1, 16, 17, 0), Duration.FromMinutes(30)));

    [Fact]
    public void AddBusinessTime_AmountEndsExactlyAtClosing_ReturnsClosingNotNextOpening() =>
        Assert.Equal(Utc(2026, 1, 12, 16, 0), BerlinOffice.AddBusinessTime(Utc(2026, 1, 12, 15, 0), Duration.FromHours(1)));

    [Fact]
    public void AddBusinessTime_SplitShift_ContinuesAfterLunch() =>
        // 11:30 EST + 1h: 30 min before lunch, 30 min after 13:00.
        Assert.Equal(Utc(2026, 1, 12, 18, 30), NewYorkSplit.AddBusinessTime(Utc(2026, 1, 12, 16, 30), Duration.FromHours(1)));

    [Fact]
    public void AddBusinessTime_OverHoliday_SkipsIt() =>
        // Thu 2026-07-02 16:30 EDT + 1h: 30 min Thursday, Friday is a holiday, 30 min Monday from 09:00 EDT.
        Assert.Equal(Utc(2026, 7, 6, 13, 30), NewYorkSplit.AddBusinessTime(Utc(2026, 7, 2, 20, 30), Duration.FromHours(1)));

    [Fact]
    public void AddBusinessTime_Zero_ReturnsStartEvenWhenClosed()
    {
        var saturday = Utc(2026, 1, 17, 12, 0);
        Assert.Equal(saturday, BerlinOffice.AddBusinessTime(saturday, Duration.Zero));
    }

    [Fact]
    public void AddBusinessTime_Negative_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BerlinOffice.AddBusinessTime(Utc(2026, 1, 12, 9, 0), Duration.FromMinutes(-1)));
        Assert.Equal("amount", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.AlwaysOpen.AddBusinessTime(Utc(2026, 1, 12, 9, 0), -Duration.Epsilon));
    }

    [Fact]
    public void Constructor_NoOpenTime_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new BusinessCalendar(Berlin, new WeeklyHours([])));
        Assert.Contains("no open span", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new BusinessCalendar(null!, WeeklyHours.AlwaysOpen));
        Assert.Throws<ArgumentNullException>(() => new BusinessCalendar(Berlin, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessCalendar(Berlin, WeeklyHours.AlwaysOpen, dst: (DstResolution)7));
    }

    [Fact]
    public void AlwaysOpen_MeasuresElapsedTimeAndAddsPlainly()
    {
        var calendar = BusinessCalendar.AlwaysOpen;
        Assert.True(calendar.IsAlwaysOpen);
        Assert.Equal(DateTimeZone.Utc, calendar.Zone);
        var start = Utc(2026, 3, 28, 22, 17);
        Assert.Equal(Duration.FromHours(49), calendar.BusinessTimeBetween(start, start + Duration.FromHours(49)));
        Assert.Equal(start + Duration.FromDays(40), calendar.AddBusinessTime(start, Duration.FromDays(40)));
        Assert.True(calendar.IsOpen(start));
    }

    [Fact]
    public void IsAlwaysOpen_FullWeekInAnyZoneWithoutHolidays_IsTrue()
    {
        Assert.True(Calendar(Berlin, "mon-sun 00:00-24:00").IsAlwaysOpen);
        Assert.False(Calendar(Berlin, "mon-sun 00:00-24:00", new LocalDate(2026, 12, 25)).IsAlwaysOpen);
        Assert.False(Calendar(Berlin, "mon-sat 00:00-24:00").IsAlwaysOpen);
    }

    [Fact]
    public void NightShiftAcrossMidnight_CountsWithoutGap()
    {
        var calendar = Calendar(Berlin, "mon 22:00-24:00; tue 00:00-06:00");
        // Mon 22:00 CET (21:00Z) + 3h = Tue 01:00 CET.
        Assert.Equal(Utc(2026, 1, 13, 0, 0), calendar.AddBusinessTime(Utc(2026, 1, 12, 21, 0), Duration.FromHours(3)));
        Assert.Equal(Duration.FromHours(8), calendar.BusinessTimeBetween(Utc(2026, 1, 12, 12, 0), Utc(2026, 1, 13, 12, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 1, 12, 23, 0))); // Tue 00:00 CET
        Assert.True(calendar.IsOpen(Utc(2026, 1, 12, 23, 0) - Duration.Epsilon));
    }

    [Fact]
    public void SpanEndingAt24_CountsUpToMidnight()
    {
        var calendar = Calendar(Berlin, "fri 20:00-24:00");
        // Fri 2026-01-16 20:00-24:00 CET = 19:00Z-23:00Z.
        Assert.Equal(Duration.FromHours(4), calendar.BusinessTimeBetween(Utc(2026, 1, 16, 0, 0), Utc(2026, 1, 17, 12, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 1, 16, 22, 59)));
        Assert.False(calendar.IsOpen(Utc(2026, 1, 16, 23, 0)));
        Assert.Equal(Utc(2026, 1, 16, 23, 0), calendar.AddBusinessTime(Utc(2026, 1, 16, 12, 0), Duration.FromHours(4)));
    }

    [Fact]
    public void AddBusinessTime_OneMinuteAWeekForCenturies_FinishesQuicklyOnTheRightWednesday()
    {
        var calendar = Calendar(Berlin, "wed 10:00-10:01");
        var watch = Stopwatch.StartNew();
        // 10 days = 14,400 minutes = 14,400 Wednesdays, the first being 2026-01-07.
        var deadline = calendar.AddBusinessTime(Utc(2026, 1, 1, 0, 0), Duration.FromDays(10));
        watch.Stop();
        var expectedDate = new LocalDate(2026, 1, 7).PlusWeeks(14_399);
        Assert.Equal(expectedDate.At(new LocalTime(10, 1)).InZoneStrictly(Berlin).ToInstant(), deadline);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void AddBusinessTime_PastTheSupportedRange_ThrowsArgumentOutOfRange()
    {
        // 365 days of one minute a week needs about 10,000 years.
        var calendar = Calendar(DateTimeZone.Utc, "wed 10:00-10:01");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddBusinessTime(Utc(2026, 1, 1, 0, 0), Duration.FromDays(365)));
        Assert.Equal("amount", ex.ParamName);
    }

    [Fact]
    public void BusinessTimeBetween_TwoCenturiesOfOneMinuteAWeek_CountsEveryWednesday()
    {
        var calendar = Calendar(DateTimeZone.Utc, "wed 10:00-10:01", new LocalDate(2026, 1, 7), new LocalDate(2026, 1, 8));
        var wednesdays = 0;
        for (var d = new LocalDate(2000, 1, 1); d < new LocalDate(2200, 1, 1); d = d.PlusDays(1))
        {
            if (d.DayOfWeek == IsoDayOfWeek.Wednesday && d != new LocalDate(2026, 1, 7)) wednesdays++;
        }

        Assert.Equal(Duration.FromMinutes(wednesdays), calendar.BusinessTimeBetween(Utc(2000, 1, 1, 0, 0), Utc(2200, 1, 1, 0, 0)));
    }

    [Fact]
    public void BusinessTimeBetween_TenYearsWithDstAndHolidays_MatchesDayByDayReference()
    {
        var calendar = new BusinessCalendar(
            NewYork,
            WeeklyHours.Parse("mon-fri 09:00-12:00,13:00-17:00; sat 01:00-04:00; sun 00:00-03:00"),
            [new LocalDate(2021, 7, 5), new LocalDate(2024, 12, 25), new LocalDate(2026, 3, 8), new LocalDate(2026, 11, 1)]);
        var start = Utc(2020, 1, 1, 3, 7);
        var end = Utc(2030, 1, 1, 0, 0);
        Assert.Equal(ReferenceCalendar.BusinessTimeBetween(calendar, start, end), calendar.BusinessTimeBetween(start, end));
        var deadline = calendar.AddBusinessTime(start, Duration.FromDays(200));
        Assert.Equal(Duration.FromDays(200), ReferenceCalendar.BusinessTimeBetween(calendar, start, deadline));
    }

    [Fact]
    public void Equals_SameDefinition_AreEqual()
    {
        var a = Calendar(Berlin, "mon-fri 09:00-17:00", new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 24));
        var b = Calendar(DateTimeZoneProviders.Tzdb["Europe/Berlin"], "mon-fri 09:00-17:00", new LocalDate(2026, 12, 24), new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 24));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Calendar(Berlin, "mon-fri 09:00-17:00", new LocalDate(2026, 12, 25)));
        Assert.NotEqual(a, Calendar(NewYork, "mon-fri 09:00-17:00", new LocalDate(2026, 12, 24), new LocalDate(2026, 12, 25)));
        Assert.Equal([new LocalDate(2026, 12, 24), new LocalDate(2026, 12, 25)], b.Holidays);
    }
}
