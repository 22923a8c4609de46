using NodaTime;
using NodaTime.TimeZones;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

/// <summary>
/// A deliberately naive oracle for business time: every local date near the interval, every span resolved with
/// NodaTime's own resolvers, no shortcuts. Independent of the calendar's day walk and week jumps.
/// </summary>
internal static class ReferenceCalendar
{
    public static Duration BusinessTimeBetween(BusinessCalendar calendar, Instant start, Instant end)
    {
        if (end <= start) return Duration.Zero;
        var resolver = Resolvers.CreateMappingResolver(
            calendar.Dst == DstResolution.ShiftToAfterGapEarlierOfOverlap ? Resolvers.ReturnEarlier : Resolvers.ReturnLater,
            Resolvers.ReturnStartOfIntervalAfter);
        var holidays = calendar.Holidays.ToHashSet();
        var total = Duration.Zero;
        var last = end.InZone(calendar.Zone).Date.PlusDays(2);
        for (var date = start.InZone(calendar.Zone).Date.PlusDays(-2); date <= last; date = date.PlusDays(1))
        {
            if (holidays.Contains(date)) continue;
            foreach (var span in calendar.Hours.For(date.DayOfWeek))
            {
                var open = date.At(span.Start).InZone(calendar.Zone, resolver).ToInstant();
                var closeLocal = span.End == LocalTime.Midnight ? date.PlusDays(1).AtMidnight() : date.At(span.End);
                var close = closeLocal.InZone(calendar.Zone, resolver).ToInstant();
                var from = open > start ? open : start;
                var to = close < end ? close : end;
                if (to > from) total += to - from;
            }
        }

        return total;
    }
}
