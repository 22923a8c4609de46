using NodaTime;

namespace SocialSla.Core.Spikes;

/// <summary>Spike and surge detection for one stream of mentions (one account and channel): counts per minute in a
/// sliding window, tested against a baseline for the same hour of the week, learnt as the stream flows.</summary>
/// <remarks>
/// <para>Time is an argument: <see cref="Observe"/> takes each mention's instant (late ones still count while their
/// minute is in the window, and towards their hour's baseline until that hour is folded in); <see cref="Advance"/>
/// evaluates every minute that has closed by <c>now</c>, in order, and returns what started or ended. Call it at
/// least once a minute (<see cref="NextEvaluationAt"/>) for alerts within a minute of the evidence.</para>
/// <para>A window is a volume spike when its count is at least <see cref="SpikeOptions.MinimumCount"/>, at least
/// <see cref="SpikeOptions.MinimumRatio"/> × the expected count, and improbable under a Poisson law with the expected
/// mean (<see cref="SpikeOptions.MaximumTailProbability"/>), and every minute of it is above
/// <see cref="SpikeOptions.ResolveRatio"/> × its expected count (a lasting rise, not one minute's burst). A negative
/// surge tests the window's negative mentions against the usual negative share with a binomial law. An hour that
/// held a spike enters the baseline capped at <see cref="SpikeOptions.ResolveRatio"/> × the baseline, and any other
/// hour at the spike threshold, so a spike does not teach the baseline to expect the next one (a burst that recurs
/// every week at the same hour is learnt, slowly).</para>
/// <para>How fast a burst is seen depends on the evidence it brings: at a few mentions a minute a 5× burst needs a
/// minute or two more to be told from chance at <see cref="SpikeOptions.MaximumTailProbability"/>.</para>
/// </remarks>
public sealed partial class SpikeDetector
{
    private const int RingMinutes = 64;
    private const int HoursPerWeek = 168;
    private const int LongestGapFoldedHours = 2 * HoursPerWeek;
    private const double NegativeMemoryPerHour = 1 - 1.0 / HoursPerWeek;

    private readonly SpikeOptions _options;
    private readonly long[] _ringMinute = new long[RingMinutes];
    private readonly int[] _ringCount = new int[RingMinutes];
    private readonly int[] _ringNegative = new int[RingMinutes];
    private readonly double[] _baselineCount = new double[HoursPerWeek];
    private readonly int[] _baselineWeeks = new int[HoursPerWeek];
    private readonly Dictionary<long, (long Count, long Negative)> _openHours = [];
    private long? _evaluatedThrough; // the last closed minute evaluated
    private long? _foldedBefore; // hours before this are in the baseline
    private double _negativeSum;
    private double _totalSum;
    private readonly HashSet<long> _spikeHours = [];
    private readonly Trend _volume = new();
    private readonly Trend _negative = new();

    /// <summary>A detector with no history: every hour of the week is learning until it has seen
    /// <see cref="SpikeOptions.MinimumBaselineWeeks"/> weeks.</summary>
    public SpikeDetector(SpikeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Array.Fill(_ringMinute, long.MinValue);
    }

    /// <summary>When the next minute closes after the last evaluation (when to call <see cref="Advance"/> next), or
    /// <see langword="null"/> before anything was observed.</summary>
    public Instant? NextEvaluationAt => _evaluatedThrough is { } minute ? StartOfMinute(minute + 2) : null;

    /// <summary>Counts one mention at <paramref name="at"/>; <paramref name="negative"/> when its sentiment was negative.</summary>
    public void Observe(Instant at, bool negative)
    {
        var minute = MinuteOf(at);
        _evaluatedThrough ??= minute - 1;
        _foldedBefore ??= HourOf(minute);

        var slot = (int)(((minute % RingMinutes) + RingMinutes) % RingMinutes);
        if (_ringMinute[slot] < minute)
        {
            _ringMinute[slot] = minute;
            _ringCount[slot] = 0;
            _ringNegative[slot] = 0;
        }
        if (_ringMinute[slot] == minute)
        {
            _ringCount[slot]++;
            if (negative) _ringNegative[slot]++;
        }

        var hour = HourOf(minute);
        if (hour >= _foldedBefore)
        {
            var (count, negatives) = _openHours.GetValueOrDefault(hour);
            _openHours[hour] = (count + 1, negatives + (negative ? 1 : 0));
        }
    }

    /// <summary>Evaluates every minute that closed by <paramref name="now"/> and not yet evaluated; what started or ended.</summary>
    public IReadOnlyList<SpikeSignal> Advance(Instant now)
    {
        if (_evaluatedThrough is not { } last) return [];
        var closed = MinuteOf(now) - 1;
        if (closed <= last) return [];

        var signals = new List<SpikeSignal>();
        var first = last + 1;
        if (closed - first >= RingMinutes)
        {
            // Minutes long past the window held nothing the ring still has: they were quiet.
            var skipped = closed - RingMinutes + 1 - first;
            _volume.Quiet(skipped);
            _negative.Quiet(skipped);
            first = closed - RingMinutes + 1;
        }
        for (var minute = first; minute <= closed; minute++)
        {
            FoldHoursBefore(HourOf(minute));
            Evaluate(minute, signals);
        }
        _evaluatedThrough = closed;
        return signals;
    }

    /// <summary>The current rate against the baseline at <paramref name="now"/> (after <see cref="Advance"/>).</summary>
    public SpikeSnapshot Snapshot(Instant now)
    {
        var minute = MinuteOf(now) - 1;
        var (count, negatives) = Window(minute);
        var hourOfWeek = HourOfWeek(minute);
        return new SpikeSnapshot(
            hourOfWeek,
            _baselineWeeks[hourOfWeek] >= _options.MinimumBaselineWeeks ? _baselineCount[hourOfWeek] / 60 : null,
            (double)count / _options.WindowMinutes,
            _totalSum > 0 ? _negativeSum / _totalSum : null,
            count > 0 ? (double)negatives / count : null,
            _volume.Active is not null,
            _negative.Active is not null);
    }

    private void Evaluate(long minute, List<SpikeSignal> signals)
    {
        var (count, negatives) = Window(minute);
        var at = StartOfMinute(minute + 1);
        var hourOfWeek = HourOfWeek(minute);

        if (_baselineWeeks[hourOfWeek] >= _options.MinimumBaselineWeeks)
        {
            var perMinute = _baselineCount[hourOfWeek] / 60;
            var expected = perMinute * _options.WindowMinutes;
            var hot = count >= _options.MinimumCount && count >= expected * _options.MinimumRatio
                && EveryMinute(minute, (n, _) => n > perMinute * _options.ResolveRatio)
                && TailProbability.PoissonAtLeast(count, expected) <= _options.MaximumTailProbability;
            var cool = count <= expected * _options.ResolveRatio;
            Step(_volume, SpikeKind.Volume, hot, cool, at, count, expected, signals);
            if (_volume.Active is not null) _spikeHours.Add(HourOf(minute));
        }

        if (_totalSum > 0)
        {
            var usual = _negativeSum / _totalSum;
            var share = count > 0 ? (double)negatives / count : 0;
            var raised = usual + _options.MinimumNegativeShareRise / 2;
            var hot = count >= _options.MinimumCount && share >= usual + _options.MinimumNegativeShareRise
                && EveryMinute(minute, (n, negative) => n > 0 && (double)negative / n > raised)
                && TailProbability.BinomialAtLeast(negatives, count, usual) <= _options.MaximumTailProbability;
            var cool = count < _options.MinimumCount || share <= raised;
            Step(_negative, SpikeKind.NegativeShare, hot, cool, at, negatives, usual * count, signals);
        }
    }

    private void Step(Trend trend, SpikeKind kind, bool hot, bool cool, Instant at, long count, double expected, List<SpikeSignal> signals)
    {
        if (trend.Active is not { } since)
        {
            if (!hot) return;
            trend.Active = at;
            trend.CoolMinutes = 0;
            signals.Add(new SpikeSignal(kind, true, at, count, expected, at));
        }
        else
        {
            trend.CoolMinutes = cool ? trend.CoolMinutes + 1 : 0;
            if (trend.CoolMinutes < _options.ResolveMinutes) return;
            trend.Active = null;
            signals.Add(new SpikeSignal(kind, false, at, count, expected, since));
        }
    }

    private bool EveryMinute(long minute, Func<int, int, bool> holds)
    {
        for (var m = minute - _options.WindowMinutes + 1; m <= minute; m++)
        {
            var slot = (int)(((m % RingMinutes) + RingMinutes) % RingMinutes);
            var (count, negatives) = _ringMinute[slot] == m ? (_ringCount[slot], _ringNegative[slot]) : (0, 0);
            if (!holds(count, negatives)) return false;
        }
        return true;
    }

    private (long Count, long Negative) Window(long minute)
    {
        long count = 0, negatives = 0;
        for (var m = minute - _options.WindowMinutes + 1; m <= minute; m++)
        {
            var slot = (int)(((m % RingMinutes) + RingMinutes) % RingMinutes);
            if (_ringMinute[slot] != m) continue;
            count += _ringCount[slot];
            negatives += _ringNegative[slot];
        }
        return (count, negatives);
    }

    private void FoldHoursBefore(long hour)
    {
        if (_foldedBefore is not { } next || next >= hour) return;
        if (hour - next > LongestGapFoldedHours) next = hour - LongestGapFoldedHours;
        for (var h = next; h < hour; h++)
        {
            var (count, negatives) = _openHours.GetValueOrDefault(h);
            _openHours.Remove(h);
            var hourOfWeek = HourOfWeek(h * 60 + 30);
            if (_baselineWeeks[hourOfWeek] == 0)
            {
                _baselineCount[hourOfWeek] = count;
            }
            else
            {
                // Capped (see the remarks): at the usual upper bound if the hour held a spike, else at the spike threshold.
                var cap = _spikeHours.Remove(h)
                    ? _baselineCount[hourOfWeek] * _options.ResolveRatio
                    : Math.Max(_baselineCount[hourOfWeek] * _options.MinimumRatio, _options.MinimumCount * 60.0 / _options.WindowMinutes);
                _baselineCount[hourOfWeek] += _options.BaselineWeight * (Math.Min(count, cap) - _baselineCount[hourOfWeek]);
            }
            if (_baselineWeeks[hourOfWeek] < int.MaxValue) _baselineWeeks[hourOfWeek]++;
            _negativeSum = _negativeSum * NegativeMemoryPerHour + negatives;
            _totalSum = _totalSum * NegativeMemoryPerHour + count;
        }
        // Hours that were skipped over entirely (beyond the longest gap) are forgotten with their counts.
        foreach (var stale in _openHours.Keys.Where(h => h < hour).ToList()) _openHours.Remove(stale);
        _spikeHours.RemoveWhere(h => h < hour);
        _foldedBefore = hour;
    }

    private int HourOfWeek(long minute)
    {
        // The zone's offset is looked up once per zone interval (a DST period), not per minute: replay evaluates every
        // stream every minute.
        var at = StartOfMinute(minute);
        if (at < _offsetFrom || at >= _offsetUntil)
        {
            var interval = _options.Zone.GetZoneInterval(at);
            _offsetFrom = interval.HasStart ? interval.Start : Instant.MinValue;
            _offsetUntil = interval.HasEnd ? interval.End : Instant.MaxValue;
            _offsetMinutes = interval.WallOffset.Seconds / 60;
        }
        // The Unix epoch fell on a Thursday (hour 72 of a week starting on Monday).
        var localHour = Math.DivRem(minute + _offsetMinutes, 60, out var rest) - (rest < 0 ? 1 : 0);
        return (int)(((localHour + 72) % HoursPerWeek + HoursPerWeek) % HoursPerWeek);
    }

    private Instant _offsetFrom = Instant.MaxValue;
    private Instant _offsetUntil = Instant.MinValue;
    private long _offsetMinutes;

    private static long MinuteOf(Instant at) => Math.DivRem(at.ToUnixTimeTicks(), NodaConstants.TicksPerMinute, out var rest) - (rest < 0 ? 1 : 0);

    private static long HourOf(long minute) => Math.DivRem(minute, 60, out var rest) - (rest < 0 ? 1 : 0);

    private static Instant StartOfMinute(long minute) => Instant.FromUnixTimeTicks(minute * NodaConstants.TicksPerMinute);

    /// <summary>Where one kind of spike stands.</summary>
    private sealed class Trend
    {
        public Instant? Active;
        public int CoolMinutes;

        public void Quiet(long minutes)
        {
            if (Active is not null) CoolMinutes = (int)Math.Min(int.MaxValue, CoolMinutes + minutes);
        }
    }
}
