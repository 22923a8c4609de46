using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Tests.Support;

/// <summary>A minimal host for tests: executes pipeline commands against memory on a clock the test moves.</summary>
internal sealed class SimulatedHost
{
    private readonly PriorityQueue<CaseId, Instant> _timers = new();

    public SimulatedHost(SlaPolicy? policy = null, SocialSla.Core.Triage.MentionTriage? triage = null)
    {
        Pipeline = new MentionPipeline(policy ?? SlaPolicy.Default, State, triage);
    }

    public InMemoryPipelineState State { get; } = new();

    public MentionPipeline Pipeline { get; }

    public Instant Now { get; private set; } = Instant.MinValue;

    public List<SlaAlert> Alerts { get; } = [];

    public List<CaseId> Closed { get; } = [];

    public KpiAggregate Kpis { get; } = new();

    public Dictionary<KpiKey, KpiAggregate> ByKey { get; } = [];

    /// <summary>Runs timers up to the mention's creation (or <paramref name="arrival"/>), then ingests it then.</summary>
    public IngestResult Deliver(Mention mention, Instant? arrival = null)
    {
        var at = arrival ?? mention.CreatedAt;
        RunUntil(at);
        Now = at;
        var result = Pipeline.Ingest(mention, at);
        Execute(result.Commands);
        return result;
    }

    public void Apply(CaseId id, CaseEvent caseEvent, Instant at)
    {
        RunUntil(at);
        Now = at;
        Execute(Pipeline.Apply(id, caseEvent, at) ?? throw new InvalidOperationException("no such case"));
    }

    public void RunUntil(Instant until)
    {
        while (_timers.TryPeek(out var id, out var due) && due <= until)
        {
            _timers.Dequeue();
            if (State.GetCase(id)?.NextWakeUp != due) continue;
            Now = due;
            Execute(Pipeline.WakeUp(id, due));
        }
        if (until > Now) Now = until;
    }

    public void RunAll() => RunUntil(Instant.MaxValue);

    public IEnumerable<(ClockKind Clock, ThresholdLevel Level)> AlertKeys =>
        Alerts.Select(a => (a.Clock, a.Id.Key.Level));

    private void Execute(IReadOnlyList<CaseCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case ScheduleWakeUp wake:
                    _timers.Enqueue(wake.Case, wake.At);
                    break;
                case RaiseAlert raise:
                    Alerts.Add(raise.Alert);
                    break;
                case RecordKpi kpi:
                    Kpis.Apply(kpi.Delta);
                    if (!ByKey.TryGetValue(kpi.Key, out var aggregate)) ByKey[kpi.Key] = aggregate = new KpiAggregate();
                    aggregate.Apply(kpi.Delta);
                    break;
                case CloseCase close:
                    Closed.Add(close.Case);
                    break;
            }
        }
    }
}
