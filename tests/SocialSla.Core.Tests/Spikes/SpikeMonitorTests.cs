using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;
using static SocialSla.Core.Tests.Spikes.SpikeStreams;

namespace SocialSla.Core.Tests.Spikes;

/// <summary>Issue #6 item 4, "Must hold": a synthetic hour-of-week baseline with an injected 5× burst fires one spike
/// alert within two minutes of simulated time and resolves it after; normal daily variation fires none.</summary>
public sealed class SpikeMonitorTests
{
    [Theory]
    [InlineData(31, 14, 0)]   // Wednesday afternoon peak, on the hour
    [InlineData(32, 9, 59)]   // the morning ramp, across an hour boundary
    [InlineData(33, 19, 30)]  // evening
    public void Advance_FiveFoldBurstOnLearntHourOfWeek_OneAlertWithinTwoMinutesThenOneResolved(int seed, int hour, int minute)
    {
        var monitor = new SpikeMonitor(SpikeOptions.Default);
        var random = new Random(seed);
        Assert.Empty(Run(monitor, random, Start, Weeks(3), DayCurve));

        var burstStart = Weeks(3) + Duration.FromDays(2) + Duration.FromHours(hour) + Duration.FromMinutes(minute);
        var burstEnd = burstStart + Duration.FromMinutes(30);
        double Rate(Instant at) => DayCurve(at) * (at >= burstStart && at < burstEnd ? 5 : 1);
        var alerts = Run(monitor, random, Weeks(3), Weeks(3) + Duration.FromDays(4), Rate);

        Assert.Equal(2, alerts.Count);
        var started = alerts[0];
        Assert.Equal(AlertKind.VolumeSpike, started.Kind);
        Assert.Equal(SpikePhase.Started, started.Phase);
        Assert.Equal(new SpikeStream(Account, Channel.Mention), started.Stream);
        Assert.InRange(started.RaisedAt, burstStart, burstStart + Duration.FromMinutes(2));
        // The baseline is the learnt rate of that hour of the week; the current rate is the burst's.
        var usual = DayCurve(burstStart);
        Assert.InRange(started.BaselinePerMinute!.Value, usual * 0.7, usual * 1.3);
        Assert.True(started.CurrentPerMinute >= 2.5 * started.BaselinePerMinute, $"current {started.CurrentPerMinute} against {started.BaselinePerMinute}");

        var resolved = alerts[1];
        Assert.Equal(SpikePhase.Resolved, resolved.Phase);
        Assert.Equal(started.Id.IncidentKey, resolved.Id.IncidentKey);
        Assert.NotEqual(started.Id, resolved.Id);
        Assert.Equal(started.StartedAt, resolved.StartedAt);
        Assert.InRange(resolved.ResolvedAt!.Value, burstEnd, burstEnd + Duration.FromMinutes(15));
    }

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public void Advance_NormalDailyVariationForFiveWeeks_FiresNothing(int seed)
    {
        var monitor = new SpikeMonitor(SpikeOptions.Default);
        Assert.Empty(Run(monitor, new Random(seed), Start, Weeks(5), DayCurve));
    }

    [Fact]
    public void TryRestore_StateSavedEveryHourAndAtTheBurst_GivesTheSameAlertsAsAnUninterruptedRun()
    {
        var burstStart = Weeks(2) + Duration.FromDays(1) + Duration.FromHours(15);
        double Rate(Instant at) => DayCurve(at) * (at >= burstStart && at < burstStart + Duration.FromMinutes(20) ? 5 : 1);

        var uninterrupted = new SpikeMonitor(SpikeOptions.Default);
        var expected = Run(uninterrupted, new Random(7), Start, Weeks(2) + Duration.FromDays(2), Rate);
        Assert.Equal(2, expected.Count);

        // A restart every hour (and one a minute into the burst): only what TakeChanged handed out survives.
        var stored = new Dictionary<SpikeStream, byte[]>();
        var monitor = new SpikeMonitor(SpikeOptions.Default);
        void Restart(Instant minute)
        {
            foreach (var (stream, state) in monitor.TakeChanged()) stored[stream] = state;
            if (minute.ToUnixTimeSeconds() % 3600 != 0 && minute != burstStart + Duration.FromMinutes(1)) return;
            monitor = new SpikeMonitor(SpikeOptions.Default);
            foreach (var (stream, state) in stored) Assert.True(monitor.TryRestore(stream, state));
        }
        var random = new Random(7);
        var actual = new List<SpikeAlert>();
        for (var day = Start; day < Weeks(2) + Duration.FromDays(2); day += Duration.FromDays(1))
            actual.AddRange(RunWith(() => monitor, random, day, day + Duration.FromDays(1), Rate, Restart));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Observe_BrandRepliesNoiseAndEdits_AreNotCounted()
    {
        var monitor = new SpikeMonitor(SpikeOptions.Default);
        var at = Start + Duration.FromMinutes(1);
        Assert.False(monitor.Observe(Customer(at, 1) with { FromBrand = true }, null, at));
        Assert.False(monitor.Observe(Customer(at, 2), Verdict(negative: true, noise: true), at));
        Assert.False(monitor.Observe(Customer(at, 3) with { Verb = MentionVerb.Edit }, null, at));
        Assert.Equal(0, monitor.StreamCount);

        Assert.True(monitor.Observe(Customer(at, 4), Verdict(negative: true), at));
        Assert.True(monitor.Observe(Customer(at, 5, Channel.Dm), null, at));
        monitor.Advance(at + Duration.FromMinutes(1));
        var snapshots = monitor.Snapshots(at + Duration.FromMinutes(1));
        Assert.Equal([Channel.Dm, Channel.Mention], snapshots.Select(s => s.Stream.Channel));
        Assert.Equal(1.0, snapshots.Single(s => s.Stream.Channel == Channel.Mention).Snapshot.CurrentNegativeShare);
        Assert.Equal(0.0, snapshots.Single(s => s.Stream.Channel == Channel.Dm).Snapshot.CurrentNegativeShare);
    }

    [Fact]
    public void Observe_MentionCreatedAfterNow_CountsAtNow()
    {
        var monitor = new SpikeMonitor(SpikeOptions.Default);
        var now = Start + Duration.FromMinutes(10);
        for (var i = 0; i < 4; i++) monitor.Observe(Customer(now + Duration.FromHours(3), i), null, now);
        monitor.Advance(now + Duration.FromMinutes(1));
        // Counted in the minute of now (a 2-minute window: 4 mentions = 2 a minute), not three hours ahead.
        Assert.Equal(2.0, monitor.Snapshots(now + Duration.FromMinutes(1)).Single().Snapshot.CurrentPerMinute);
    }

    [Fact]
    public void TryRestore_BytesThatAreNotAState_RefusedAndTheStreamKept()
    {
        var monitor = new SpikeMonitor(SpikeOptions.Default);
        var at = Start + Duration.FromMinutes(1);
        monitor.Observe(Customer(at, 1), null, at);
        var stream = new SpikeStream(Account, Channel.Mention);
        var state = monitor.TakeChanged().Single().State;
        Assert.Empty(monitor.TakeChanged());

        Assert.False(monitor.TryRestore(stream, state.AsSpan(0, state.Length - 1)));
        Assert.False(monitor.TryRestore(stream, [.. state, 0]));
        Assert.False(monitor.TryRestore(stream, [2, .. state[1..]]));
        Assert.False(monitor.TryRestore(stream, []));
        Assert.Equal(1, monitor.StreamCount);
        Assert.True(monitor.TryRestore(stream, state));
    }

    private static List<SpikeAlert> RunWith(Func<SpikeMonitor> monitor, Random random, Instant from, Instant to, Func<Instant, double> rate, Action<Instant> eachMinute)
    {
        var alerts = new List<SpikeAlert>();
        var n = from.ToUnixTimeSeconds() * 100;
        for (var minute = from; minute < to; minute += Duration.FromMinutes(1))
        {
            var count = Poisson(random, rate(minute));
            for (var i = 0; i < count; i++)
            {
                var at = minute + Duration.FromMilliseconds(random.Next(60_000));
                monitor().Observe(Customer(at, n++), Verdict(random.NextDouble() < 0.2), at);
            }
            alerts.AddRange(monitor().Advance(minute + Duration.FromMinutes(1)));
            eachMinute(minute + Duration.FromMinutes(1));
        }
        return alerts;
    }
}

/// <summary>The hour of the week the baseline uses, in the options' zone, across DST changes and half-hour offsets.</summary>
public sealed class SpikeDetectorHourOfWeekTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    public void Snapshot_HourOfWeek_IsTheZonesLocalHourOfTheWeek(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var detector = new SpikeDetector(SpikeOptions.Default with { Zone = zone });
        // Every 7 minutes through 2026, across both DST changes of each zone.
        for (var at = Instant.FromUtc(2026, 1, 1, 0, 0); at < Instant.FromUtc(2027, 1, 1, 0, 0); at += Duration.FromMinutes(7 * 13))
        {
            var local = (at - Duration.FromMinutes(1)).InZone(zone);
            Assert.Equal(((int)local.DayOfWeek - 1) * 24 + local.Hour, detector.Snapshot(at).HourOfWeek);
        }
    }
}
