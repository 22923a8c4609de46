using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Spikes;

/// <summary>Spike and surge detection for every stream (account and channel) a host sees: one
/// <see cref="SpikeDetector"/> per stream, fed the customers' mentions, advanced by the host's clock, turning the
/// detectors' signals into <see cref="SpikeAlert"/>s.</summary>
/// <remarks>
/// <para>Counted: a customer's new message (not the brand's, not an edit or delete, not a duplicate, which the caller
/// leaves out) that triage did not call noise; negative when triage labelled its sentiment negative (without triage,
/// none is). A mention counts in the minute it was created, or at <c>now</c> if its creation instant is later (clock
/// skew).</para>
/// <para>Not thread-safe: one writer (the engine, a replay pass). Its state is the detectors' (<see cref="TakeChanged"/>,
/// <see cref="TryRestore"/>): a host that stores the changed states in the transaction that stores the deliveries
/// they counted counts each mention once across restarts.</para>
/// </remarks>
public sealed class SpikeMonitor
{
    private readonly SpikeOptions _options;
    private readonly Dictionary<SpikeStream, Entry> _streams = [];

    /// <summary>A monitor with no streams.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public SpikeMonitor(SpikeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The streams seen so far.</summary>
    public int StreamCount => _streams.Count;

    /// <summary>Whether a mention counts towards its stream's volume (see the remarks).</summary>
    public static bool Counts(Mention mention, TriageResult? triage)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return !mention.FromBrand && mention.Verb == MentionVerb.Add && triage is not { IsNoise: true };
    }

    /// <summary>Whether a counted mention counts as negative.</summary>
    public static bool IsNegative(TriageResult? triage) => triage is { Sentiment.Label: SentimentLabel.Negative };

    /// <summary>Counts <paramref name="mention"/> when it <see cref="Counts"/>; returns whether it did.</summary>
    public bool Observe(Mention mention, TriageResult? triage, Instant now)
    {
        if (!Counts(mention, triage)) return false;
        Observe(new SpikeStream(mention.Account, mention.Channel), mention.CreatedAt <= now ? mention.CreatedAt : now, IsNegative(triage));
        return true;
    }

    /// <summary>Counts one mention already judged to count (<see cref="Counts"/>) in <paramref name="stream"/> at
    /// <paramref name="at"/>.</summary>
    public void Observe(SpikeStream stream, Instant at, bool negative)
    {
        if (!_streams.TryGetValue(stream, out var entry)) _streams[stream] = entry = new Entry(new SpikeDetector(_options));
        entry.Detector.Observe(at, negative);
        entry.Changed = true;
    }

    /// <summary>When the earliest stream next has a minute to evaluate; <see langword="null"/> with no streams.</summary>
    public Instant? NextEvaluationAt
    {
        get
        {
            Instant? next = null;
            foreach (var entry in _streams.Values)
            {
                if (entry.Detector.NextEvaluationAt is { } at && (next is null || at < next)) next = at;
            }
            return next;
        }
    }

    /// <summary>Evaluates every stream's minutes closed by <paramref name="now"/>; the alerts for spikes that started or
    /// ended, in stream order then time.</summary>
    public IReadOnlyList<SpikeAlert> Advance(Instant now)
    {
        List<SpikeAlert>? alerts = null;
        foreach (var (stream, entry) in _streams)
        {
            var before = entry.Detector.NextEvaluationAt;
            var signals = entry.Detector.Advance(now);
            if (entry.Detector.NextEvaluationAt != before) entry.Changed = true;
            foreach (var signal in signals) (alerts ??= []).Add(AlertOf(stream, entry.Detector, signal));
        }
        return alerts ?? (IReadOnlyList<SpikeAlert>)[];
    }

    /// <summary>Every stream's current rate against its baseline at <paramref name="now"/>, ordered by stream.</summary>
    public IReadOnlyList<(SpikeStream Stream, SpikeSnapshot Snapshot)> Snapshots(Instant now) =>
        [.. _streams.OrderBy(s => s.Key.Account.ToString(), StringComparer.Ordinal).ThenBy(s => s.Key.Channel)
            .Select(s => (s.Key, s.Value.Detector.Snapshot(now)))];

    /// <summary>The states of the streams that changed since the last call, to store.</summary>
    public IReadOnlyList<(SpikeStream Stream, byte[] State)> TakeChanged()
    {
        List<(SpikeStream, byte[])>? changed = null;
        foreach (var (stream, entry) in _streams)
        {
            if (!entry.Changed) continue;
            (changed ??= []).Add((stream, entry.Detector.SaveState()));
            entry.Changed = false;
        }
        return changed ?? (IReadOnlyList<(SpikeStream, byte[])>)[];
    }

    /// <summary>Puts back a stream's stored state; <see langword="false"/> (and the stream unchanged) when the bytes are
    /// not a detector state.</summary>
    public bool TryRestore(SpikeStream stream, ReadOnlySpan<byte> state)
    {
        if (!SpikeDetector.TryRestore(_options, state, out var detector)) return false;
        _streams[stream] = new Entry(detector);
        return true;
    }

    /// <summary>Forgets every stream (before restoring the stored states again).</summary>
    public void Clear() => _streams.Clear();

    private SpikeAlert AlertOf(SpikeStream stream, SpikeDetector detector, SpikeSignal signal)
    {
        var snapshot = detector.Snapshot(signal.At);
        var phase = signal.Started ? SpikePhase.Started : SpikePhase.Resolved;
        return new SpikeAlert
        {
            Id = new SpikeAlertId(stream, signal.Kind, signal.SpikeStartedAt, phase),
            ResolvedAt = signal.Started ? null : signal.At,
            RaisedAt = signal.At,
            BaselinePerMinute = snapshot.BaselinePerMinute,
            CurrentPerMinute = snapshot.CurrentPerMinute,
            BaselineNegativeShare = snapshot.BaselineNegativeShare,
            CurrentNegativeShare = snapshot.CurrentNegativeShare,
            WindowCount = signal.WindowCount,
            Expected = signal.Expected,
        };
    }

    private sealed class Entry(SpikeDetector detector)
    {
        public SpikeDetector Detector { get; } = detector;

        public bool Changed { get; set; }
    }
}
