using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

// DST days: Berlin 2026-03-29 (02:00 CET -> 03:00 CEST at 01:00Z) and 2026-10-25 (03:00 CEST -> 02:00 CET at 01:00Z);
// New York 2026-03-08 (02:00 EST -> 03:00 EDT at 07:00Z) and 2026-11-01 (02:00 EDT -> 01:00 EST at 06:00Z).
public partial class BusinessCalendarTests
{
    private static readonly DstResolution Later = DstResolution.ShiftToAfterGapLaterOfOverlap;

    private static BusinessCalendar Calendar(DateTimeZone zone, string hours, DstResolution dst, params LocalDate[] holidays) =>
        new(zone, WeeklyHours.Parse(hours), holidays, dst);

    [Fact]
    public void Berlin_OneToFour_IsThreeHoursOnAnOrdinaryDay()
    {
        var calendar = Calendar(Berlin, "mon-sun 01:00-04:00");
        Assert.Equal(Duration.FromHours(3), calendar.BusinessTimeBetween(Utc(2026, 3, 27, 12, 0), Utc(2026, 3, 28, 12, 0)));
    }

    [Fact]
    public void Berlin_OneToFourOnSpringForwardDay_IsTwoHours()
    {
        var calendar = Calendar(Berlin, "mon-sun 01:00-04:00");
        // 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z.
        Assert.Equal(Duration.FromHours(2), calendar.BusinessTimeBetween(Utc(2026, 3, 28, 12, 0), Utc(2026, 3, 29, 12, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 3, 29, 1, 59)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 29, 2, 0)));
        Assert.Equal(Utc(2026, 3, 29, 1, 30), calendar.AddBusinessTime(Utc(2026, 3, 29, 0, 30), Duration.FromHours(1)));
    }

    [Fact]
    public void Berlin_OneToFourOnFallBackDay_IsFourHours()
    {
        var calendar = Calendar(Berlin, "mon-sun 01:00-04:00");
        // 01:00 CEST = 2026-10-24T23:00Z, 04:00 CET = 03:00Z.
        Assert.Equal(Duration.FromHours(4), calendar.BusinessTimeBetween(Utc(2026, 10, 24, 12, 0), Utc(2026, 10, 25, 12, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 10, 24, 23, 0)));
        Assert.Equal(Utc(2026, 10, 25, 3, 0), calendar.AddBusinessTime(Utc(2026, 10, 24, 20, 0), Duration.FromHours(4)));
    }

    [Fact]
    public void NewYork_OneToFourOnSpringForwardDay_IsTwoHours()
    {
        var calendar = Calendar(NewYork, "mon-sun 01:00-04:00");
        // 01:00 EST = 06:00Z, 04:00 EDT = 08:00Z.
        Assert.Equal(Duration.FromHours(2), calendar.BusinessTimeBetween(Utc(2026, 3, 7, 18, 0), Utc(2026, 3, 8, 18, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 8, 8, 0)));
    }

    [Fact]
    public void NewYork_OneToFourOnFallBackDay_DependsOnOverlapPolicy()
    {
        // 01:00 is ambiguous: 01:00 EDT = 05:00Z or 01:00 EST = 06:00Z; 04:00 EST = 09:00Z.
        var earlier = Calendar(NewYork, "mon-sun 01:00-04:00");
        var later = Calendar(NewYork, "mon-sun 01:00-04:00", Later);
        Assert.Equal(Duration.FromHours(4), earlier.BusinessTimeBetween(Utc(2026, 10, 31, 18, 0), Utc(2026, 11, 1, 18, 0)));
        Assert.Equal(Duration.FromHours(3), later.BusinessTimeBetween(Utc(2026, 10, 31, 18, 0), Utc(2026, 11, 1, 18, 0)));
        Assert.True(earlier.IsOpen(Utc(2026, 11, 1, 5, 0)));
        Assert.False(later.IsOpen(Utc(2026, 11, 1, 5, 0)));
    }

    [Fact]
    public void Berlin_SpanStartingInGap_OpensAtFirstInstantAfterGap()
    {
        var calendar = Calendar(Berlin, "sun 02:30-05:00");
        // 02:30 does not exist: opens at 03:00 CEST = 01:00Z, closes 05:00 CEST = 03:00Z.
        Assert.Equal(Duration.FromHours(2), calendar.BusinessTimeBetween(Utc(2026, 3, 28, 12, 0), Utc(2026, 3, 29, 12, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 29, 1, 0) - Duration.Epsilon));
        Assert.True(calendar.IsOpen(Utc(2026, 3, 29, 1, 0)));
        Assert.Equal(Utc(2026, 3, 29, 1, 30), calendar.AddBusinessTime(Utc(2026, 3, 28, 12, 0), Duration.FromMinutes(30)));
    }

    [Fact]
    public void Berlin_SpanEndingInGap_ClosesAtFirstInstantAfterGap()
    {
        var calendar = Calendar(Berlin, "sun 01:00-02:30");
        // 01:00 CET = 00:00Z; 02:30 -> 03:00 CEST = 01:00Z.
        Assert.Equal(Duration.FromHours(1), calendar.BusinessTimeBetween(Utc(2026, 3, 28, 12, 0), Utc(2026, 3, 29, 12, 0)));
    }

    [Fact]
    public void Berlin_SpanWhollyInGap_IsClosedThatDayOnly()
    {
        var calendar = Calendar(Berlin, "sun 02:15-02:45");
        Assert.Equal(Duration.Zero, calendar.BusinessTimeBetween(Utc(2026, 3, 28, 12, 0), Utc(2026, 3, 29, 12, 0)));
        Assert.Equal(Duration.FromMinutes(30), calendar.BusinessTimeBetween(Utc(2026, 3, 21, 12, 0), Utc(2026, 3, 22, 12, 0)));
        // 1 h from the Saturday before the DST day needs the next two Sundays (2026-04-12 02:45 CEST = 00:45Z).
        Assert.Equal(Utc(2026, 4, 12, 0, 45), calendar.AddBusinessTime(Utc(2026, 3, 28, 12, 0), Duration.FromHours(1)));
    }

    [Fact]
    public void NewYork_SpanStartingInGap_OpensAtThree()
    {
        var calendar = Calendar(NewYork, "sun 02:30-03:30");
        // 02:30 -> 03:00 EDT = 07:00Z; 03:30 EDT = 07:30Z.
        Assert.Equal(Duration.FromMinutes(30), calendar.BusinessTimeBetween(Utc(2026, 3, 7, 18, 0), Utc(2026, 3, 8, 18, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 3, 8, 7, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 8, 7, 30)));
    }

    [Fact]
    public void Berlin_SpanStartingInOverlap_FollowsPolicy()
    {
        // 02:30 happens at 00:30Z (CEST) and 01:30Z (CET); 05:00 CET = 04:00Z.
        var window = (Utc(2026, 10, 24, 12, 0), Utc(2026, 10, 25, 12, 0));
        Assert.Equal(Duration.FromMinutes(210), Calendar(Berlin, "sun 02:30-05:00").BusinessTimeBetween(window.Item1, window.Item2));
        Assert.Equal(Duration.FromMinutes(150), Calendar(Berlin, "sun 02:30-05:00", Later).BusinessTimeBetween(window.Item1, window.Item2));
    }

    [Fact]
    public void Berlin_SpanEndingInOverlap_FollowsPolicy()
    {
        // 00:00 CEST = 2026-10-24T22:00Z; 02:30 is 00:30Z (earlier) or 01:30Z (later).
        var window = (Utc(2026, 10, 24, 12, 0), Utc(2026, 10, 25, 12, 0));
        Assert.Equal(Duration.FromMinutes(150), Calendar(Berlin, "sun 00:00-02:30").BusinessTimeBetween(window.Item1, window.Item2));
        Assert.Equal(Duration.FromMinutes(210), Calendar(Berlin, "sun 00:00-02:30", Later).BusinessTimeBetween(window.Item1, window.Item2));
    }

    [Fact]
    public void Berlin_HolidayOnFallBackDay_Closes25Hours()
    {
        var calendar = Calendar(Berlin, "mon-sun 00:00-24:00", new LocalDate(2026, 10, 25));
        Assert.Equal(Duration.FromHours(72 - 25), calendar.BusinessTimeBetween(Utc(2026, 10, 24, 0, 0), Utc(2026, 10, 27, 0, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 10, 24, 22, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 10, 24, 22, 0) - Duration.Epsilon));
        Assert.True(calendar.IsOpen(Utc(2026, 10, 25, 23, 0)));
    }

    [Fact]
    public void Berlin_HolidayOnSpringForwardDay_Closes23Hours()
    {
        var calendar = Calendar(Berlin, "mon-sun 00:00-24:00", new LocalDate(2026, 3, 29));
        Assert.Equal(Duration.FromHours(72 - 23), calendar.BusinessTimeBetween(Utc(2026, 3, 28, 0, 0), Utc(2026, 3, 31, 0, 0)));
        // Sat 23:30 CET + 1h: 30 min Saturday, the 23-hour Sunday closed, 30 min from Monday 00:00 CEST = 29T22:00Z.
        Assert.Equal(Utc(2026, 3, 29, 22, 30), calendar.AddBusinessTime(Utc(2026, 3, 28, 22, 30), Duration.FromHours(1)));
    }

    [Fact]
    public void Beirut_SpanFromMidnightOnDayWhoseMidnightIsSkipped_StartsAtOne()
    {
        // Lebanon springs forward at 00:00 (EET +02 -> EEST +03) on 2026-03-29: the day starts at 01:00 = 2026-03-28T22:00Z.
        var beirut = DateTimeZoneProviders.Tzdb["Asia/Beirut"];
        var calendar = Calendar(beirut, "sun 00:00-02:00");
        Assert.Equal(Duration.FromHours(1), calendar.BusinessTimeBetween(Utc(2026, 3, 28, 0, 0), Utc(2026, 3, 29, 12, 0)));
        Assert.True(calendar.IsOpen(Utc(2026, 3, 28, 22, 0)));
        Assert.False(calendar.IsOpen(Utc(2026, 3, 28, 22, 0) - Duration.Epsilon));
        var fullDays = Calendar(beirut, "mon-sun 00:00-24:00", new LocalDate(2026, 3, 29));
        Assert.Equal(Duration.FromHours(72 - 23), fullDays.BusinessTimeBetween(Utc(2026, 3, 27, 22, 0), Utc(2026, 3, 30, 22, 0)));
    }

    [Fact]
    public void Havana_SpansAroundAmbiguousMidnight_FollowPolicy()
    {
        // Cuba falls back from 01:00 CDT (-04) to 00:00 CST (-05) on 2025-11-02 (tzdb 2026f has no fall-back in 2026):
        // Sunday 00:00 is 04:00Z or 05:00Z.
        var havana = DateTimeZoneProviders.Tzdb["America/Havana"];
        var window = (Utc(2025, 11, 1, 12, 0), Utc(2025, 11, 2, 12, 0));
        // Sunday 00:00-02:00: until 02:00 CST = 07:00Z.
        Assert.Equal(Duration.FromHours(3), Calendar(havana, "sun 00:00-02:00").BusinessTimeBetween(window.Item1, window.Item2));
        Assert.Equal(Duration.FromHours(2), Calendar(havana, "sun 00:00-02:00", Later).BusinessTimeBetween(window.Item1, window.Item2));
        // Saturday 22:00 CDT = 02:00Z until 24:00.
        Assert.Equal(Duration.FromHours(2), Calendar(havana, "sat 22:00-24:00").BusinessTimeBetween(window.Item1, window.Item2));
        Assert.Equal(Duration.FromHours(3), Calendar(havana, "sat 22:00-24:00", Later).BusinessTimeBetween(window.Item1, window.Item2));
    }

    [Fact]
    public void Apia_SkippedDate_HasNoOpenTime()
    {
        // Samoa skipped Friday 2011-12-30: Thursday 24:00 (-10) became Saturday 00:00 (+14) at 2011-12-30T10:00Z.
        var apia = DateTimeZoneProviders.Tzdb["Pacific/Apia"];
        var calendar = Calendar(apia, "thu-sat 09:00-10:00");
        // Thu 09:00 (-10) = 29T19:00Z; Sat 09:00 (+14) = 30T19:00Z.
        Assert.Equal(Duration.FromHours(2), calendar.BusinessTimeBetween(Utc(2011, 12, 29, 0, 0), Utc(2011, 12, 31, 0, 0)));
        Assert.Equal(Utc(2011, 12, 30, 19, 30), calendar.AddBusinessTime(Utc(2011, 12, 29, 19, 30), Duration.FromHours(1)));
    }

    [Fact]
    public void FakeGapOverMidnight_DayStartsWhenTheGapEnds()
    {
        // Local Thu 2026-01-15 22:00 (+00) jumps to Fri 01:00 (+03) at 22:00Z.
        var zone = FakeZone.GapOverMidnight;
        var evenings = Calendar(zone, "mon-sun 21:00-24:00");
        // Thu 21:00Z until Friday's missing midnight (22:00Z); Fri 21:00 (+03) is 18:00Z, outside the window.
        Assert.Equal(Duration.FromHours(1), evenings.BusinessTimeBetween(Utc(2026, 1, 15, 0, 0), Utc(2026, 1, 16, 12, 0)));
        var mornings = Calendar(zone, "fri 00:00-03:00");
        // Fri 00:00 -> 22:00Z Thursday; 03:00 (+03) = 00:00Z Friday.
        Assert.Equal(Duration.FromHours(2), mornings.BusinessTimeBetween(Utc(2026, 1, 15, 0, 0), Utc(2026, 1, 16, 12, 0)));
        Assert.True(mornings.IsOpen(Utc(2026, 1, 15, 22, 0)));
    }

    [Fact]
    public void FakeOverlapOverMidnight_NightShiftFollowsPolicy()
    {
        // Local Thu 2026-01-15 00:30 (+00) falls back to Wed 21:30 (-03) at 00:30Z.
        var zone = FakeZone.OverlapOverMidnight;
        var window = (Utc(2026, 1, 14, 12, 0), Utc(2026, 1, 15, 12, 0));
        // Earlier: Wed 22:00 = 14T22:00Z .. Thu 00:00 = 00:00Z, then Thu 00:00 .. 06:00 (-03) = 09:00Z.
        Assert.Equal(Duration.FromHours(11), Calendar(zone, "wed 22:00-24:00; thu 00:00-06:00").BusinessTimeBetween(window.Item1, window.Item2));
        // Later: Wed 22:00 (-03) = 01:00Z .. Thu 00:00 (-03) = 03:00Z .. 09:00Z.
        Assert.Equal(Duration.FromHours(8), Calendar(zone, "wed 22:00-24:00; thu 00:00-06:00", Later).BusinessTimeBetween(window.Item1, window.Item2));
    }
}
