using NodaTime;
using NodaTime.TimeZones;

namespace SocialSla.Core.Tests.Calendars;

/// <summary>A test zone with exactly one offset change, for transitions real zones rarely have (e.g. across midnight).</summary>
internal sealed class FakeZone : DateTimeZone
{
    private readonly Instant transition;
    private readonly ZoneInterval before;
    private readonly ZoneInterval after;

    public FakeZone(string id, Instant transition, Offset before, Offset after)
        : base(id, false, Offset.Min(before, after), Offset.Max(before, after))
    {
        this.transition = transition;
        this.before = new ZoneInterval("before", null, transition, before, Offset.Zero);
        this.after = new ZoneInterval("after", transition, null, after, Offset.Zero);
    }

    public Instant Transition => transition;

    public override ZoneInterval GetZoneInterval(Instant instant) => instant < transition ? before : after;

    /// <summary>+00:00 until 2026-01-15T22:00Z, then +03:00: local Thu 22:00 jumps to Fri 01:00, so Friday's midnight does not exist.</summary>
    public static FakeZone GapOverMidnight { get; } =
        new("Fake/GapOverMidnight", Instant.FromUtc(2026, 1, 15, 22, 0), Offset.Zero, Offset.FromHours(3));

    /// <summary>+00:00 until 2026-01-15T00:30Z, then -03:00: local Thu 00:30 falls back to Wed 21:30, so Wed 21:30 to Thu 00:30 happens twice.</summary>
    public static FakeZone OverlapOverMidnight { get; } =
        new("Fake/OverlapOverMidnight", Instant.FromUtc(2026, 1, 15, 0, 30), Offset.Zero, Offset.FromHours(-3));
}
