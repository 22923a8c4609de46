using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Privacy;
using SocialSla.Core.Sla;
using SocialSla.Core.Spikes;
using SocialSla.Core.Triage;

namespace SocialSla.Standalone.Replay;

/// <summary>Runs mentions through the pipeline on a simulated clock: each mention arrives at its own creation instant,
/// wake-ups fire at the instant they asked for, and at the end the clock runs on until no wake-up is pending.</summary>
/// <remarks>
/// <para>Conversations share nothing but KPI sums (<see cref="ConversationPartitioner"/>), so each one is replayed on
/// its own, start to finish, through the same pipeline: the result equals one pipeline fed everything in time order,
/// while only one conversation's state is alive at a time per worker. Workers (one per core) take shares of the
/// conversations, as function instances take partitions in Azure.</para>
/// <para>Within a conversation, mentions are taken in creation order (file order among equal instants), so a reply
/// listed before its parent is still threaded after it. A wake-up due at the same instant as a mention runs first.</para>
/// </remarks>
internal static class ReplayRunner
{
    /// <summary>Above this many mentions in one conversation, its state is dropped rather than cleared for reuse.</summary>
    private const int ReuseLimit = 256;

    public static ReplayResult Run(IReadOnlyList<Mention> mentions, SlaPolicy policy, long rows, long skipped, bool hourly = false) =>
        Run(mentions, policy, rows, skipped, Environment.ProcessorCount, null, PiiKinds.None, hourly);

    /// <summary>Replays on <paramref name="workers"/> threads, each taking a contiguous share of the conversations
    /// with its own pipeline; their KPI aggregates merge at the end (sums and sketch buckets: the same result in any
    /// split).</summary>
    public static ReplayResult Run(IReadOnlyList<Mention> mentions, SlaPolicy policy, long rows, long skipped, int workers) =>
        Run(mentions, policy, rows, skipped, workers, null, PiiKinds.None);

    /// <summary>Replays with triage (when <paramref name="triage"/> is given) and personal data masked in every text
    /// before the pipeline reads it. With <paramref name="hourly"/>, the result also keeps the aggregates per
    /// (account, channel, priority, hour) for <c>socialsla report</c>.</summary>
    /// <remarks>Near-duplicates are the one triage rule that looks across conversations: they are decided first, over
    /// the whole input in time order (<see cref="NearDuplicateVerdicts"/>), so the verdicts, KPIs and triage tally do
    /// not depend on <paramref name="workers"/>.</remarks>
    /// <para>Spikes are detected after the conversations, over every counted mention in time order
    /// (<see cref="ReplaySpikes"/>, with <paramref name="spikes"/>, default <see cref="SpikeOptions.Default"/>).</para>
    public static ReplayResult Run(IReadOnlyList<Mention> mentions, SlaPolicy policy, long rows, long skipped, int workers, TriageOptions? triage, PiiKinds masking,
        bool hourly = false, SpikeOptions? spikes = null)
    {
        workers = Math.Max(1, workers);
        // Masked once, up front: the near-duplicate pass and the pipeline read the same masked texts.
        if (masking != PiiKinds.None) mentions = MaskAll(mentions, masking, workers);
        var verdicts = triage is null ? null : NearDuplicateVerdicts.Compute(triage, mentions);
        var (order, starts) = ConversationPartitioner.Plan(mentions);
        var groupCount = starts.Length - 1;
        workers = Math.Clamp(workers, 1, Math.Max(1, groupCount));

        // Split the groups into shares of about equal numbers of mentions.
        var bounds = new int[workers + 1];
        for (int w = 1, g = 0; w < workers; w++)
        {
            var target = (long)order.Length * w / workers;
            while (g < groupCount && starts[g] < target) g++;
            bounds[w] = g;
        }
        bounds[workers] = groupCount;

        var sinks = new Sink[workers];
        var marks = new byte[mentions.Count]; // each worker marks only its own conversations' mentions
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            sinks[w] = RunGroups(mentions, policy, order, starts, bounds[w], bounds[w + 1],
                triage is null ? null : new MentionTriage(triage, verdicts!), hourly, marks));
        var spikeResult = ReplaySpikes.Run(mentions, marks, spikes ?? SpikeOptions.Default, workers);

        var byAccount = new Dictionary<PlatformAccountId, KpiAggregate>();
        var tally = triage is null ? null : new TriageTally();
        var byHour = hourly ? new Dictionary<KpiKey, KpiAggregate>() : null;
        var byQueue = new Dictionary<string, KpiAggregate>(StringComparer.Ordinal);
        var byTag = new Dictionary<string, KpiAggregate>(StringComparer.Ordinal);
        long duplicates = 0, alerts = 0;
        foreach (var sink in sinks)
        {
            foreach (var (key, aggregate) in sink.ByHour ?? [])
            {
                if (byHour!.TryGetValue(key, out var merged)) merged.Merge(aggregate);
                else byHour[key] = aggregate;
            }
            MergeInto(byQueue, sink.ByQueue);
            MergeInto(byTag, sink.ByTag);
            duplicates += sink.Duplicates;
            alerts += sink.Alerts;
            tally?.Merge(sink.Triage);
            foreach (var (account, aggregate) in sink.ByAccount)
            {
                if (byAccount.TryGetValue(account, out var merged)) merged.Merge(aggregate);
                else byAccount[account] = aggregate;
            }
        }
        var total = new KpiAggregate();
        foreach (var aggregate in byAccount.Values) total.Merge(aggregate);
        return new ReplayResult(total, byAccount, rows, skipped, duplicates, alerts, tally, byHour, spikeResult)
        {
            ByQueue = byQueue.Count > 0 ? byQueue : null,
            ByTag = byTag.Count > 0 ? byTag : null,
        };
    }

    private static void MergeInto(Dictionary<string, KpiAggregate> into, Dictionary<string, KpiAggregate> from)
    {
        foreach (var (key, aggregate) in from)
        {
            if (into.TryGetValue(key, out var merged)) merged.Merge(aggregate);
            else into[key] = aggregate;
        }
    }

    /// <summary>Every mention with its personal data masked (<see cref="PiiMasker"/>), in parallel.</summary>
    private static Mention[] MaskAll(IReadOnlyList<Mention> mentions, PiiKinds masking, int workers)
    {
        var masked = new Mention[mentions.Count];
        Parallel.For(0, masked.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => masked[i] = PiiMasker.Mask(mentions[i], masking));
        return masked;
    }

    private static Sink RunGroups(IReadOnlyList<Mention> mentions, SlaPolicy policy, int[] order, int[] starts, int firstGroup, int endGroup,
        MentionTriage? triage, bool hourly, byte[] marks)
    {
        var state = new InMemoryPipelineState();
        var timers = new PriorityQueue<CaseId, Instant>();
        var sink = new Sink { ByHour = hourly ? [] : null };
        for (var group = firstGroup; group < endGroup; group++)
        {
            var (from, to) = (starts[group], starts[group + 1]);
            if (to - from > ReuseLimit) state = new InMemoryPipelineState();
            else state.Clear();
            var pipeline = new MentionPipeline(policy, state, triage);
            for (var k = from; k < to; k++)
            {
                var mention = mentions[order[k]];
                var now = mention.CreatedAt;
                RunTimers(pipeline, timers, sink, now);
                var result = pipeline.Ingest(mention, now);
                if (result.Outcome == IngestOutcome.Duplicate) sink.Duplicates++;
                else if (SpikeMonitor.Counts(mention, result.Triage))
                    marks[order[k]] = SpikeMonitor.IsNegative(result.Triage) ? ReplaySpikes.CountedNegative : ReplaySpikes.Counted;
                if (result.Triage is { } verdict) sink.Count(verdict, result.Case);
                sink.Execute(result.Commands, timers);
            }
            RunTimers(pipeline, timers, sink, Instant.MaxValue);
            sink.EndConversation();
        }
        return sink;
    }

    private static void RunTimers(MentionPipeline pipeline, PriorityQueue<CaseId, Instant> timers, Sink sink, Instant until)
    {
        while (timers.TryPeek(out var id, out var due) && due <= until)
        {
            timers.Dequeue();
            sink.Execute(pipeline.WakeUp(id, due, now: due), timers); // nothing when superseded by a later request
        }
    }

    private sealed class Sink
    {
        public Dictionary<PlatformAccountId, KpiAggregate> ByAccount { get; } = [];

        public Dictionary<KpiKey, KpiAggregate>? ByHour { get; init; }

        /// <summary>KPIs per routing queue, when triage named one.</summary>
        public Dictionary<string, KpiAggregate> ByQueue { get; } = new(StringComparer.Ordinal);

        /// <summary>KPIs per routing tag: values with several tags count under each.</summary>
        public Dictionary<string, KpiAggregate> ByTag { get; } = new(StringComparer.Ordinal);

        public long Alerts { get; private set; }

        public long Duplicates { get; set; }

        public TriageTally Triage { get; } = new();

        /// <summary>The sentiment track of each case of the current conversation (cases never span conversations).</summary>
        private readonly Dictionary<CaseId, CaseSentimentTrack> _sentiment = [];

        public void Count(in TriageResult verdict, CaseId? caseId)
        {
            Triage.Add(verdict);
            if (caseId is { } id && !verdict.IsNoise) _sentiment[id] = _sentiment.GetValueOrDefault(id).With(verdict.Sentiment);
        }

        public void EndConversation()
        {
            if (_sentiment.Count == 0) return;
            foreach (var track in _sentiment.Values)
                if (track.Comparable) Triage.AddCase(track.First, track.Last);
            _sentiment.Clear();
        }

        private static KpiAggregate Into(Dictionary<string, KpiAggregate> dimension, string key)
        {
            if (!dimension.TryGetValue(key, out var aggregate)) dimension[key] = aggregate = new KpiAggregate();
            return aggregate;
        }

        public void Execute(IReadOnlyList<CaseCommand> commands, PriorityQueue<CaseId, Instant> timers)
        {
            for (var i = 0; i < commands.Count; i++)
            {
                switch (commands[i])
                {
                    case RecordKpi kpi:
                        if (!ByAccount.TryGetValue(kpi.Key.Account, out var aggregate))
                            ByAccount[kpi.Key.Account] = aggregate = new KpiAggregate();
                        aggregate.Apply(kpi.Delta);
                        if (kpi.Key.Queue is { } queue) Into(ByQueue, queue).Apply(kpi.Delta);
                        if (kpi.Key.Tags is { } tags)
                            foreach (var tag in KpiKey.TagsOf(tags)) Into(ByTag, tag).Apply(kpi.Delta);
                        if (ByHour is not null)
                        {
                            if (!ByHour.TryGetValue(kpi.Key, out var hour)) ByHour[kpi.Key] = hour = new KpiAggregate();
                            hour.Apply(kpi.Delta);
                        }
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
