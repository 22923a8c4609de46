using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Spikes;

namespace SocialSla.Standalone.Replay;

/// <summary>Spike detection over a replay: the mentions that count (marked by the conversation workers), in creation
/// order, through one <see cref="SpikeMonitor"/> on the simulated clock, which is advanced to each mention's instant
/// before the mention is counted, as the engine does with its own clock.</summary>
/// <param name="Alerts">The spike alerts raised (starts and ends), in time order.</param>
/// <param name="EvaluatedAt">The end of the last minute evaluated: the end of the minute of the last mention counted.</param>
/// <param name="Streams">Each stream's rate against its baseline at <paramref name="EvaluatedAt"/>.</param>
public sealed record ReplaySpikes(IReadOnlyList<SpikeAlert> Alerts, Instant? EvaluatedAt, IReadOnlyList<(SpikeStream Stream, SpikeSnapshot Snapshot)> Streams)
{
    /// <summary>A mention the workers left uncounted (a brand message, a duplicate, an edit, noise).</summary>
    public const byte NotCounted = 0;

    /// <summary>A counted mention.</summary>
    public const byte Counted = 1;

    /// <summary>A counted mention whose sentiment triage labelled negative.</summary>
    public const byte CountedNegative = 2;

    /// <summary>Runs the marked mentions (<paramref name="marks"/>, one per mention, in input order) in time order.</summary>
    internal static ReplaySpikes Run(IReadOnlyList<Mention> mentions, byte[] marks, SpikeOptions options)
    {
        var counted = new List<int>();
        for (var i = 0; i < marks.Length; i++)
            if (marks[i] != NotCounted) counted.Add(i);
        // Creation order, input order among equal instants (a stable sort by key).
        var keys = counted.Select(i => mentions[i].CreatedAt.ToUnixTimeTicks()).ToArray();
        var order = counted.ToArray();
        Array.Sort(keys, order);
        StableWithinEqualKeys(keys, order);

        var monitor = new SpikeMonitor(options);
        var alerts = new List<SpikeAlert>();
        var minute = long.MinValue;
        foreach (var index in order)
        {
            var mention = mentions[index];
            // Every stream is evaluated through the previous minute: only a new minute has anything to evaluate.
            var ticks = mention.CreatedAt.ToUnixTimeTicks();
            var mentionMinute = ticks - Mod(ticks, NodaConstants.TicksPerMinute);
            if (mentionMinute != minute)
            {
                alerts.AddRange(monitor.Advance(mention.CreatedAt));
                minute = mentionMinute;
            }
            monitor.Observe(new SpikeStream(mention.Account, mention.Channel), mention.CreatedAt, marks[index] == CountedNegative);
        }
        if (order.Length == 0) return new ReplaySpikes(alerts, null, []);
        var last = mentions[order[^1]].CreatedAt;
        var end = Instant.FromUnixTimeTicks(last.ToUnixTimeTicks() - Mod(last.ToUnixTimeTicks(), NodaConstants.TicksPerMinute)) + Duration.FromMinutes(1);
        alerts.AddRange(monitor.Advance(end));
        return new ReplaySpikes(alerts, end, monitor.Snapshots(end));
    }

    private static void StableWithinEqualKeys(long[] keys, int[] order)
    {
        for (int start = 0, end; start < keys.Length; start = end)
        {
            for (end = start + 1; end < keys.Length && keys[end] == keys[start]; end++) { }
            if (end - start > 1) Array.Sort(order, start, end - start);
        }
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
