using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;

namespace SocialSla.Standalone.Replay;

/// <summary>Runs mentions through the pipeline on a simulated clock: each mention arrives at its own creation instant,
/// wake-ups fire at the instant they asked for, and at the end the clock runs on until no wake-up is pending.</summary>
/// <remarks>Mentions are taken in creation order (file order among equal instants), so a reply listed before its parent
/// is still threaded after it. A wake-up due at the same instant as a mention runs first.</remarks>
internal static class ReplayRunner
{
    public static ReplayResult Run(IList<Mention?> mentions, SlaPolicy policy, long rows, long skipped)
    {
        var state = new InMemoryPipelineState();
        var pipeline = new MentionPipeline(policy, state);
        var timers = new PriorityQueue<CaseId, Instant>();
        var sink = new Sink();
        long duplicates = 0;

        foreach (var index in CreationOrder(mentions))
        {
            var mention = mentions[index]!;
            mentions[index] = null; // the pipeline keeps no text: let the mention go as soon as it is applied
            var now = mention.CreatedAt;
            RunTimers(pipeline, state, timers, sink, now);
            var result = pipeline.Ingest(mention, now);
            if (result.Outcome == IngestOutcome.Duplicate) duplicates++;
            sink.Execute(result.Commands, timers);
        }
        RunTimers(pipeline, state, timers, sink, Instant.MaxValue);

        var total = new KpiAggregate();
        foreach (var aggregate in sink.ByAccount.Values) total.Merge(aggregate);
        return new ReplayResult(total, sink.ByAccount, rows, skipped, duplicates, sink.Alerts);
    }

    private static void RunTimers(MentionPipeline pipeline, InMemoryPipelineState state, PriorityQueue<CaseId, Instant> timers, Sink sink, Instant until)
    {
        while (timers.TryPeek(out var id, out var due) && due <= until)
        {
            timers.Dequeue();
            if (state.GetCase(id)?.NextWakeUp != due) continue; // superseded by a later request
            sink.Execute(pipeline.WakeUp(id, due), timers);
        }
    }

    private static int[] CreationOrder(IList<Mention?> mentions)
    {
        var keys = new (long Ticks, int Index)[mentions.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = (mentions[i]!.CreatedAt.ToUnixTimeTicks(), i);
        Array.Sort(keys);
        var order = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++) order[i] = keys[i].Index;
        return order;
    }

    private sealed class Sink
    {
        public Dictionary<PlatformAccountId, KpiAggregate> ByAccount { get; } = [];

        public long Alerts { get; private set; }

        public void Execute(IReadOnlyList<CaseCommand> commands, PriorityQueue<CaseId, Instant> timers)
        {
            for (var i = 0; i < commands.Count; i++)
            {
                switch (commands[i])
                {
                    case RecordKpi kpi:
                        if (!ByAccount.TryGetValue(kpi.Key.Account, out var aggregate))
                            ByAccount[kpi.Key.Account] = aggregate = new KpiAggregate();
                        aggregate.Merge(kpi.Delta);
                        break;
                    case ScheduleWakeUp wake:
                        timers.Enqueue(wake.Case, wake.At);
                        break;
                    case RaiseAlert:
                        Alerts++;
                        break;
                }
            }
        }
    }
}
