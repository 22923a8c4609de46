using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;

namespace SocialSla.Standalone.Replay;

/// <summary>Spike detection over a replay: the mentions that count (marked by the conversation workers), in creation
/// order, through a <see cref="SpikeMonitor"/> on the simulated clock, which is advanced to each mention's minute before
/// the mention is counted, as the engine does with its own clock.</summary>
/// <param name="Alerts">The spike alerts raised (starts and ends), in time order.</param>
/// <param name="EvaluatedAt">The end of the last minute evaluated: the end of the minute of the last mention counted.</param>
/// <param name="Streams">Each stream's rate against its baseline at <paramref name="EvaluatedAt"/>.</param>
/// <remarks>The streams are independent, so each runs on its own monitor and the streams run in parallel; the result
/// is the one monitor's of all streams fed the mentions in time order (<c>ReplaySpikesParallelTests</c> checks it). Two
/// things tie the streams together there and are kept: every stream is advanced at every minute in which some stream
/// counted a mention (an alert's rates are read when it is raised, so advancing in other steps could change them), and
/// the alerts of one advance come in the order the streams were first seen.</remarks>
public sealed record ReplaySpikes(IReadOnlyList<SpikeAlert> Alerts, Instant? EvaluatedAt, IReadOnlyList<(SpikeStream Stream, SpikeSnapshot Snapshot)> Streams)
{
    /// <summary>A mention the workers left uncounted (a brand message, a duplicate, an edit, noise).</summary>
    public const byte NotCounted = 0;

    /// <summary>A counted mention.</summary>
    public const byte Counted = 1;

    /// <summary>A counted mention whose sentiment triage labelled negative.</summary>
    public const byte CountedNegative = 2;

    /// <summary>Runs the marked mentions (<paramref name="marks"/>, one per mention, in input order) in time order, up to
    /// <paramref name="workers"/> streams at a time.</summary>
    internal static ReplaySpikes Run(IReadOnlyList<Mention> mentions, byte[] marks, SpikeOptions options, int workers = 1)
    {
        var streams = Split(mentions, marks);
        if (streams.Count == 0) return new ReplaySpikes([], null, []);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) };
        Parallel.ForEach(streams, parallel, stream => stream.SortByTime(mentions));

        // The minutes in which the one monitor would advance: those of the counted mentions, and the end.
        var minuteSet = new HashSet<long>();
        foreach (var stream in streams) minuteSet.UnionWith(stream.Minutes);
        var minutes = minuteSet.ToArray();
        Array.Sort(minutes);
        var end = StartOfMinute(minutes[^1] + 1);

        Parallel.ForEach(streams, parallel, stream => stream.Detect(marks, minutes, end, options));

        // The one monitor's order: by advance, then by the stream first seen (earliest first mention), then as raised.
        var ranked = streams.OrderBy(s => s.FirstTicks).ThenBy(s => s.FirstIndex).ToList();
        var alerts = ranked.SelectMany(s => s.Alerts).OrderBy(a => a.Advance).Select(a => a.Alert).ToList();
        var snapshots = streams
            .OrderBy(s => s.Stream.Account.ToString(), StringComparer.Ordinal).ThenBy(s => s.Stream.Channel)
            .Select(s => (s.Stream, s.Snapshot)).ToList();
        return new ReplaySpikes(alerts, end, snapshots);
    }

    private static List<StreamRun> Split(IReadOnlyList<Mention> mentions, byte[] marks)
    {
        var byStream = new Dictionary<SpikeStream, StreamRun>();
        var streams = new List<StreamRun>();
        StreamRun? last = null;
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i] == NotCounted) continue;
            var mention = mentions[i];
            var key = new SpikeStream(mention.Account, mention.Channel);
            if (last is null || !last.Stream.Equals(key))
            {
                if (!byStream.TryGetValue(key, out last)) streams.Add(byStream[key] = last = new StreamRun(key));
            }
            last.Indexes.Add(i);
        }
        return streams;
    }

    private static Instant StartOfMinute(long minute) => Instant.FromUnixTimeTicks(minute * NodaConstants.TicksPerMinute);

    private static long MinuteOf(long ticks) => Math.DivRem(ticks, NodaConstants.TicksPerMinute, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>One stream's counted mentions and what its monitor raised.</summary>
    private sealed class StreamRun(SpikeStream stream)
    {
        public SpikeStream Stream { get; } = stream;

        public List<int> Indexes { get; } = [];

        /// <summary>The mentions' creation instants (ticks), in time order after <see cref="SortByTime"/>.</summary>
        public long[] Ticks { get; private set; } = [];

        /// <summary>The distinct minutes of the mentions, in time order.</summary>
        public List<long> Minutes { get; } = [];

        public long FirstTicks => Ticks[0];

        public int FirstIndex => Indexes[0];

        public List<(int Advance, SpikeAlert Alert)> Alerts { get; } = [];

        public SpikeSnapshot Snapshot { get; private set; } = null!;

        /// <summary>Creation order, input order among equal instants.</summary>
        public void SortByTime(IReadOnlyList<Mention> mentions)
        {
            var ticks = new long[Indexes.Count];
            var sorted = true;
            for (var k = 0; k < ticks.Length; k++)
            {
                ticks[k] = mentions[Indexes[k]].CreatedAt.ToUnixTimeTicks();
                if (k > 0 && ticks[k] < ticks[k - 1]) sorted = false;
            }
            if (!sorted)
            {
                // Indexes are ascending, so sorting (ticks, index) pairs is the stable sort by ticks.
                var keys = new (long Ticks, int Index)[ticks.Length];
                for (var k = 0; k < keys.Length; k++) keys[k] = (ticks[k], Indexes[k]);
                Array.Sort(keys);
                for (var k = 0; k < keys.Length; k++) (ticks[k], Indexes[k]) = keys[k];
            }
            Ticks = ticks;
            foreach (var t in ticks)
            {
                var minute = MinuteOf(t);
                if (Minutes.Count == 0 || Minutes[^1] != minute) Minutes.Add(minute);
            }
        }

        /// <summary>Feeds the mentions to a monitor of this stream alone, advanced at every minute of
        /// <paramref name="minutes"/> after the stream's first (before it, the stream did not exist), then at
        /// <paramref name="end"/>.</summary>
        public void Detect(byte[] marks, long[] minutes, Instant end, SpikeOptions options)
        {
            var monitor = new SpikeMonitor(options);
            var first = Array.BinarySearch(minutes, Minutes[0]);
            var k = 0;
            for (var j = first; j < minutes.Length; j++)
            {
                if (j > first)
                {
                    foreach (var alert in monitor.Advance(StartOfMinute(minutes[j]))) Alerts.Add((j, alert));
                }
                for (; k < Ticks.Length && MinuteOf(Ticks[k]) == minutes[j]; k++)
                    monitor.Observe(Stream, Instant.FromUnixTimeTicks(Ticks[k]), marks[Indexes[k]] == CountedNegative);
            }
            foreach (var alert in monitor.Advance(end)) Alerts.Add((minutes.Length, alert));
            Snapshot = monitor.Snapshots(end)[0].Snapshot;
        }
    }
}
