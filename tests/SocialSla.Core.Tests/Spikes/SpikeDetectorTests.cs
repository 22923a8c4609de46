using NodaTime;
using SocialSla.Core.Spikes;

namespace SocialSla.Core.Tests.Spikes;

/// <summary>Synthetic mention streams: Poisson arrivals per minute at a rate with daily and weekly rhythm.</summary>
public sealed class SpikeDetectorTests
{
    // A Monday.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0);

    /// <summary>Mentions per minute: 2 at night to about 14 in the afternoon, a third lower at weekends.</summary>
    private static double NormalRate(Instant minute)
    {
        var local = minute.InUtc();
        var hour = local.Hour + local.Minute / 60.0;
        var daily = 8 + 6 * Math.Sin((hour - 9) / 24 * 2 * Math.PI);
        var weekly = local.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0.65 : 1;
        return Math.Max(0.5, daily * weekly);
    }

    private static int Poisson(Random random, double mean)
    {
        // Knuth: fine for the means used here (at most ~75).
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    /// <summary>Runs minutes [from, to) through the detector: each minute's mentions, then the evaluation at its end.</summary>
    private static List<SpikeSignal> Run(SpikeDetector detector, Random random, Instant from, Instant to,
        Func<Instant, double> rate, Func<Instant, double>? negativeShare = null)
    {
        var signals = new List<SpikeSignal>();
        for (var minute = from; minute < to; minute += Duration.FromMinutes(1))
        {
            var count = Poisson(random, rate(minute));
            for (var i = 0; i < count; i++)
            {
                var at = minute + Duration.FromMilliseconds(random.Next(60_000));
                detector.Observe(at, random.NextDouble() < (negativeShare?.Invoke(minute) ?? 0.2));
            }
            signals.AddRange(detector.Advance(minute + Duration.FromMinutes(1)));
        }
        return signals;
    }

    private static Instant Weeks(double weeks) => Start + Duration.FromHours(weeks * 168);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Normal_daily_and_weekly_variation_fires_nothing(int seed)
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var signals = Run(detector, new Random(seed), Start, Weeks(5), NormalRate);
        Assert.Empty(signals);
    }

    // At the usual rates (about 6 to 14 a minute) a 5× burst fires within two minutes. At night (2 a minute) two
    // minutes of a 5× burst bring about 20 mentions where 4 are expected; at the default tail probability (1e-8, no
    // false spike in 240 simulated stream-weeks) that takes a few minutes more of evidence (up to 10 in 60 seeds).
    [Theory]
    [InlineData(11, 14, 0, 2)]   // afternoon peak, on the hour
    [InlineData(13, 9, 59, 2)]   // morning ramp, across an hour boundary
    [InlineData(14, 20, 30, 2)]  // evening
    [InlineData(12, 3, 20, 10)]  // night
    public void A_five_fold_burst_fires_one_spike_within_two_minutes_and_resolves_after(int seed, int hour, int minute, int withinMinutes)
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var random = new Random(seed);
        Assert.Empty(Run(detector, random, Start, Weeks(3), NormalRate));

        // Week 4, a Wednesday: 45 minutes at five times the normal rate.
        var burstStart = Weeks(3) + Duration.FromDays(2) + Duration.FromHours(hour) + Duration.FromMinutes(minute);
        var burstEnd = burstStart + Duration.FromMinutes(45);
        double Rate(Instant at) => NormalRate(at) * (at >= burstStart && at < burstEnd ? 5 : 1);
        var signals = Run(detector, random, Weeks(3), Weeks(4), Rate);

        var volume = signals.Where(s => s.Kind == SpikeKind.Volume).ToList();
        Assert.Equal(2, volume.Count);
        Assert.True(volume[0].Started);
        Assert.InRange(volume[0].At, burstStart, burstStart + Duration.FromMinutes(withinMinutes));
        Assert.False(volume[1].Started);
        Assert.InRange(volume[1].At, burstEnd, burstEnd + Duration.FromMinutes(15));
        Assert.Equal(volume[0].At, volume[1].SpikeStartedAt);
        Assert.DoesNotContain(signals, s => s.Kind == SpikeKind.NegativeShare);
    }

    [Fact]
    public void A_spike_does_not_teach_the_baseline_to_expect_the_next_one()
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var random = new Random(21);
        // Each week the same hour on Tuesday bursts to 5×: it must fire every week, not fade into the baseline.
        Instant BurstIn(int week) => Weeks(week) + Duration.FromDays(1) + Duration.FromHours(14);
        double Rate(Instant at)
        {
            var week = (int)((at - Start).TotalDays / 7);
            var burst = BurstIn(week);
            return NormalRate(at) * (week >= 1 && at >= burst && at < burst + Duration.FromMinutes(60) ? 5 : 1);
        }
        var signals = Run(detector, random, Start, Weeks(6), Rate);
        Assert.Equal(5, signals.Count(s => s.Kind == SpikeKind.Volume && s.Started));
    }

    [Fact]
    public void Nothing_fires_while_an_hour_of_the_week_is_still_learning()
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var burst = Start + Duration.FromDays(3);
        var signals = Run(detector, new Random(3), Start, Weeks(1), at => NormalRate(at) * (at >= burst && at < burst + Duration.FromHours(1) ? 10 : 1));
        Assert.DoesNotContain(signals, s => s.Kind == SpikeKind.Volume);

        var fresh = new SpikeDetector(SpikeOptions.Default);
        Run(fresh, new Random(3), Start, Start + Duration.FromMinutes(30), NormalRate);
        Assert.Null(fresh.Snapshot(Start + Duration.FromMinutes(30)).BaselinePerMinute);
    }

    [Fact]
    public void A_rise_in_the_negative_share_at_normal_volume_is_a_surge_and_not_a_volume_spike()
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var random = new Random(8);
        Run(detector, random, Start, Weeks(2), NormalRate, _ => 0.15);
        var surgeStart = Weeks(2) + Duration.FromHours(13);
        var surgeEnd = surgeStart + Duration.FromMinutes(40);
        var signals = Run(detector, random, Weeks(2), Weeks(2) + Duration.FromDays(1), NormalRate,
            at => at >= surgeStart && at < surgeEnd ? 0.75 : 0.15);

        Assert.DoesNotContain(signals, s => s.Kind == SpikeKind.Volume);
        var surge = Assert.Single(signals, s => s.Kind == SpikeKind.NegativeShare && s.Started);
        Assert.InRange(surge.At, surgeStart, surgeStart + Duration.FromMinutes(3));
        Assert.Single(signals, s => s.Kind == SpikeKind.NegativeShare && !s.Started);
    }

    [Fact]
    public void The_snapshot_reports_the_learnt_rate_for_the_hour_and_the_current_rate()
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var random = new Random(5);
        Run(detector, random, Start, Weeks(4), NormalRate);
        var now = Weeks(4) + Duration.FromHours(15); // Monday 15:00, the peak
        Run(detector, random, Weeks(4), now, NormalRate);

        // The snapshot is of the minute just closed (14:59): Monday 14:00–15:00, hour 14 of the week.
        var snapshot = detector.Snapshot(now);
        Assert.Equal(14, snapshot.HourOfWeek);
        var expected = Enumerable.Range(0, 60).Average(m => NormalRate(Weeks(4) + Duration.FromHours(14) + Duration.FromMinutes(m)));
        Assert.InRange(snapshot.BaselinePerMinute!.Value, expected * 0.85, expected * 1.15);
        Assert.InRange(snapshot.BaselineNegativeShare!.Value, 0.18, 0.22);
        Assert.False(snapshot.VolumeSpike);
    }

    [Fact]
    public void A_gap_with_no_mentions_is_quiet_and_late_mentions_still_count_in_their_minute()
    {
        var detector = new SpikeDetector(SpikeOptions.Default);
        var random = new Random(9);
        Run(detector, random, Start, Weeks(2), NormalRate);
        // Nothing for three hours (an outage upstream), then evaluation resumes: no spike, no exception.
        Assert.Empty(detector.Advance(Weeks(2) + Duration.FromHours(3)));

        // A burst whose mentions arrive late, but within the window, still fires.
        var burst = Weeks(2) + Duration.FromHours(14);
        for (var m = 0; m < 3; m++)
        {
            var minute = burst + Duration.FromMinutes(m);
            for (var i = 0; i < 80; i++) detector.Observe(minute + Duration.FromSeconds(i % 60), false);
        }
        var signals = detector.Advance(burst + Duration.FromMinutes(3));
        Assert.Contains(signals, s => s.Kind == SpikeKind.Volume && s.Started);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_the_name_of_the_field()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeDetector(SpikeOptions.Default with { ResolveRatio = 5 }));
        Assert.Equal("ResolveRatio", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeDetector(SpikeOptions.Default with { WindowMinutes = 0 }));
    }
}
