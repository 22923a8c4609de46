using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

public partial class BusinessCalendarTests
{
    private static readonly Arbitrary<CalendarCase> OrdinaryCases = CalendarGen.Cases(CalendarGen.Ordinary);
    private static readonly Arbitrary<CalendarCase> MidnightCases = CalendarGen.Cases(CalendarGen.MidnightToMidnight);

    [Property]
    public Property Prop_BusinessTimeIsAdditiveOverAdjacentIntervals() =>
        Prop.ForAll(OrdinaryCases, c =>
        {
            var a = c.Start;
            var b = a + c.First;
            var d = b + c.Second;
            Assert.Equal(c.Cal.BusinessTimeBetween(a, d), c.Cal.BusinessTimeBetween(a, b) + c.Cal.BusinessTimeBetween(b, d));
        });

    [Property]
    public Property Prop_BusinessTimeMatchesDayByDayReference() =>
        Prop.ForAll(OrdinaryCases, c =>
        {
            var end = c.Start + c.First + c.Second;
            Assert.Equal(ReferenceCalendar.BusinessTimeBetween(c.Cal, c.Start, end), c.Cal.BusinessTimeBetween(c.Start, end));
        });

    [Property]
    public Property Prop_AddThenMeasureRoundTrips() =>
        Prop.ForAll(OrdinaryCases, c =>
        {
            var deadline = c.Cal.AddBusinessTime(c.Start, c.First);
            Assert.True(deadline >= c.Start);
            Assert.Equal(c.First, c.Cal.BusinessTimeBetween(c.Start, deadline));
            if (c.First > Duration.Zero)
            {
                // Earliest such instant: the last nanosecond before the deadline is open and still needed.
                Assert.True(c.Cal.IsOpen(deadline - Duration.Epsilon));
                Assert.Equal(c.First - Duration.Epsilon, c.Cal.BusinessTimeBetween(c.Start, deadline - Duration.Epsilon));
            }
        });

    [Property]
    public Property Prop_AddBusinessTimeIsMonotonic() =>
        Prop.ForAll(OrdinaryCases, c =>
        {
            var later = c.Start + c.Second;
            // A later start never gives an earlier deadline ...
            Assert.True(c.Cal.AddBusinessTime(later, c.First) >= c.Cal.AddBusinessTime(c.Start, c.First));
            // ... and a larger amount never does either.
            Assert.True(c.Cal.AddBusinessTime(c.Start, c.First + c.Second) >= c.Cal.AddBusinessTime(c.Start, c.First));
        });

    [Property]
    public Property Prop_BusinessTimeNeverExceedsElapsed() =>
        Prop.ForAll(OrdinaryCases, c =>
        {
            var end = c.Start + c.First;
            var business = c.Cal.BusinessTimeBetween(c.Start, end);
            Assert.InRange(business, Duration.Zero, c.First);
            Assert.True(c.Cal.AddBusinessTime(c.Start, c.Second) - c.Start >= c.Second);
        });

    [Property]
    public Property Prop_IsOpenAgreesWithBusinessTime() =>
        Prop.ForAll(OrdinaryCases, c =>
        {
            var open = c.Cal.IsOpen(c.Start);
            Assert.Equal(open ? Duration.Epsilon : Duration.Zero, c.Cal.BusinessTimeBetween(c.Start, c.Start + Duration.Epsilon));
            Assert.Equal(open, ReferenceCalendar.BusinessTimeBetween(c.Cal, c.Start, c.Start + Duration.Epsilon) > Duration.Zero);
        });

    [Property]
    public Property Prop_AlwaysOpenEqualsElapsed() =>
        Prop.ForAll(CalendarGen.Instants.ToArbitrary(), CalendarGen.Durations.ToArbitrary(), (start, amount) =>
        {
            foreach (var zone in new[] { "Europe/Berlin", "America/New_York", "UTC" })
            {
                var calendar = new BusinessCalendar(DateTimeZoneProviders.Tzdb[zone], WeeklyHours.AlwaysOpen);
                Assert.True(calendar.IsAlwaysOpen);
                Assert.Equal(amount, calendar.BusinessTimeBetween(start, start + amount));
                Assert.Equal(start + amount, calendar.AddBusinessTime(start, amount));
            }

            Assert.Equal(amount, BusinessCalendar.AlwaysOpen.BusinessTimeBetween(start, start + amount));
            Assert.Equal(start + amount, BusinessCalendar.AlwaysOpen.AddBusinessTime(start, amount));
        });

    [Property]
    public Property Prop_MidnightToMidnightEveryDayEqualsElapsed() =>
        Prop.ForAll(MidnightCases, c =>
        {
            Assert.False(c.Cal.IsAlwaysOpen); // the far-away holiday keeps the day walk in play
            Assert.Equal(c.First, c.Cal.BusinessTimeBetween(c.Start, c.Start + c.First));
            Assert.Equal(c.Start + c.First, c.Cal.AddBusinessTime(c.Start, c.First));
            Assert.True(c.Cal.IsOpen(c.Start));
        });
}
