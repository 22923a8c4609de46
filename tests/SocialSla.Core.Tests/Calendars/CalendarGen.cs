using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Tests.Calendars;

/// <summary>A calendar with a readable name, so FsCheck counterexamples say which one failed.</summary>
internal sealed record NamedCalendar(string Name, BusinessCalendar Calendar)
{
    public override string ToString() => Name;
}

/// <summary>One generated case: a calendar, a start and two non-negative durations.</summary>
internal sealed record CalendarCase(NamedCalendar Calendar, Instant Start, Duration First, Duration Second)
{
    public BusinessCalendar Cal => Calendar.Calendar;

    public override string ToString() => $"{Calendar} start={Start} first={First} second={Second}";
}

/// <summary>Generators for calendar properties: instants in 2020-2030 (half of them within 3 days of a DST transition) and durations up to 30 days.</summary>
internal static class CalendarGen
{
    private static readonly Instant From = Instant.FromUtc(2020, 1, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2030, 1, 1, 0, 0);
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone Beirut = DateTimeZoneProviders.Tzdb["Asia/Beirut"];
    private static readonly DateTimeZone Havana = DateTimeZoneProviders.Tzdb["America/Havana"];

    // A holiday long ago keeps 24x7 hours off the IsAlwaysOpen fast path, so the day walk itself is tested.
    private static readonly LocalDate[] FarHoliday = [new LocalDate(1900, 1, 1)];

    private static readonly Instant[] Transitions =
        new[] { Berlin, NewYork, Beirut, Havana }
            .SelectMany(zone => zone.GetZoneIntervals(From, To).Where(i => i.HasStart).Select(i => i.Start))
            .Append(FakeZone.GapOverMidnight.Transition)
            .Append(FakeZone.OverlapOverMidnight.Transition)
            .Where(t => t > From && t < To)
            .ToArray();

    private static readonly Gen<long> Nanos =
        Gen.Frequency((3, Gen.Constant(0L)), (1, Gen.Choose(0, 999_999_999).Select(n => (long)n)));

    private static readonly Gen<Instant> Uniform =
        from day in Gen.Choose(0, 3651)
        from second in Gen.Choose(0, 86_399)
        from nanos in Nanos
        select From + Duration.FromDays(day) + Duration.FromSeconds(second) + Duration.FromNanoseconds(nanos);

    private static readonly Gen<Instant> NearTransition =
        from transition in Gen.Elements(Transitions)
        from second in Gen.Choose(-3 * 86_400, 3 * 86_400)
        from nanos in Nanos
        select transition + Duration.FromSeconds(second) + Duration.FromNanoseconds(nanos);

    public static Gen<Instant> Instants { get; } = Gen.Frequency((1, Uniform), (1, NearTransition));

    public static Gen<Duration> Durations { get; } =
        Gen.Frequency(
            (1, Gen.Choose(0, 30 * 86_400).Select(s => Duration.FromSeconds(s))),
            (1, Gen.Choose(0, 600).Select(m => Duration.FromMinutes(m))),
            (1, from s in Gen.Choose(0, 3 * 86_400) from n in Nanos select Duration.FromSeconds(s) + Duration.FromNanoseconds(n)));

    private static NamedCalendar Named(string name, DateTimeZone zone, string hours, LocalDate[]? holidays = null, DstResolution dst = default) =>
        new(name, new BusinessCalendar(zone, WeeklyHours.Parse(hours), holidays, dst));

    /// <summary>Calendars with ordinary hours: 24x7, office hours, split shifts with holidays, DST-sensitive night spans.</summary>
    public static NamedCalendar[] Ordinary { get; } =
    [
        new("24x7 UTC", BusinessCalendar.AlwaysOpen),
        Named("Berlin mon-fri 09-17", Berlin, "mon-fri 09:00-17:00"),
        Named("New York split + holidays", NewYork, "mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00",
            [new LocalDate(2026, 7, 3), new LocalDate(2026, 11, 26), new LocalDate(2025, 12, 25), new LocalDate(2026, 3, 9)]),
        Named("Berlin daily 01-04 + gap/overlap bounds", Berlin, "mon-sat 01:00-04:00; sun 00:00-02:30,02:45-05:00"),
        Named("New York daily 01-04, later of overlap", NewYork, "mon-sun 01:00-04:00", dst: DstResolution.ShiftToAfterGapLaterOfOverlap),
        Named("Berlin night shifts", Berlin, "mon-fri 22:00-24:00; tue-sat 00:00-06:00", [new LocalDate(2026, 10, 25)]),
        Named("Beirut midnight spans", Beirut, "mon-sun 00:00-02:00,22:00-24:00"),
        Named("Havana midnight spans, later", Havana, "sat-sun 00:00-02:00,22:00-24:00", dst: DstResolution.ShiftToAfterGapLaterOfOverlap),
        Named("Fake gap over midnight", FakeZone.GapOverMidnight, "mon-sun 00:00-03:00,21:00-24:00"),
        Named("Fake overlap over midnight", FakeZone.OverlapOverMidnight, "mon-sun 00:00-01:00,21:00-24:00"),
        Named("Fake overlap over midnight, later", FakeZone.OverlapOverMidnight, "wed 22:00-24:00; thu 00:00-06:00", dst: DstResolution.ShiftToAfterGapLaterOfOverlap),
    ];

    /// <summary>00:00-24:00 every day, kept off the fast path, in zones with DST (some at midnight) and fake transitions.</summary>
    public static NamedCalendar[] MidnightToMidnight { get; } =
    [
        Named("Berlin 00-24", Berlin, "mon-sun 00:00-24:00", FarHoliday),
        Named("New York 00-24", NewYork, "mon-sun 00:00-24:00", FarHoliday),
        Named("New York 00-24 split at noon, later", NewYork, "mon-sun 00:00-12:00; mon-sun 12:00-24:00", FarHoliday, DstResolution.ShiftToAfterGapLaterOfOverlap),
        Named("Berlin 00-24, later", Berlin, "mon-sun 00:00-24:00", FarHoliday, DstResolution.ShiftToAfterGapLaterOfOverlap),
        Named("Beirut 00-24", Beirut, "mon-sun 00:00-24:00", FarHoliday),
        Named("Havana 00-24", Havana, "mon-sun 00:00-24:00", FarHoliday),
        Named("Havana 00-24, later", Havana, "mon-sun 00:00-24:00", FarHoliday, DstResolution.ShiftToAfterGapLaterOfOverlap),
        Named("Fake gap 00-24", FakeZone.GapOverMidnight, "mon-sun 00:00-24:00", FarHoliday),
        Named("Fake overlap 00-24", FakeZone.OverlapOverMidnight, "mon-sun 00:00-24:00", FarHoliday),
        Named("Fake overlap 00-24, later", FakeZone.OverlapOverMidnight, "mon-sun 00:00-24:00", FarHoliday, DstResolution.ShiftToAfterGapLaterOfOverlap),
    ];

    public static Arbitrary<CalendarCase> Cases(NamedCalendar[] calendars) =>
        (from calendar in Gen.Elements(calendars)
         from start in Instants
         from first in Durations
         from second in Durations
         select new CalendarCase(calendar, start, first, second)).ToArbitrary();
}
