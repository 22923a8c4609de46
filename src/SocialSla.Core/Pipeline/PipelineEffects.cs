using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Pipeline;

/// <summary>The commands of one or more pipeline runs grouped the way a host that scales out executes them: KPI deltas
/// coalesced per entity, the alerts to publish, and one timer update per case.</summary>
/// <param name="Kpis">One delta per KPI key, in first-seen order (<see cref="KpiTableEntity.Coalesce"/>).</param>
/// <param name="Alerts">The alerts, in command order (their ids are deterministic, so publishing twice is deduplicated).</param>
/// <param name="Clocks">One update per case that asked for a wake-up or closed, in first-seen order: the last
/// wake-up requested wins (each replaces the earlier, as <see cref="ScheduleWakeUp"/> says); a close wins over any wake-up.</param>
public sealed record PipelineEffects(
    IReadOnlyList<KeyValuePair<KpiKey, KpiAggregate>> Kpis,
    IReadOnlyList<SlaAlert> Alerts,
    IReadOnlyList<CaseClockUpdate> Clocks)
{
    /// <summary>No effects.</summary>
    public static PipelineEffects None { get; } = new([], [], []);

    /// <summary>Whether there is nothing to execute.</summary>
    public bool IsEmpty => Kpis.Count == 0 && Alerts.Count == 0 && Clocks.Count == 0;

    /// <summary>Groups commands (see the type's remarks).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="commands"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A command is of an unknown kind.</exception>
    public static PipelineEffects Of(IEnumerable<CaseCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var kpis = new List<RecordKpi>();
        var alerts = new List<SlaAlert>();
        var order = new List<CaseId>();
        var clocks = new Dictionary<CaseId, CaseClockUpdate>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case RecordKpi kpi:
                    kpis.Add(kpi);
                    break;
                case RaiseAlert raise:
                    alerts.Add(raise.Alert);
                    break;
                case ScheduleWakeUp wake:
                    Update(wake.Case, c => c.Closed ? c : c with { WakeAt = wake.At });
                    break;
                case CloseCase close:
                    Update(close.Case, c => c with { Closed = true });
                    break;
                default:
                    throw new ArgumentException($"Unknown case command {command?.GetType().Name ?? "null"}.", nameof(commands));
            }
        }
        return new PipelineEffects(KpiTableEntity.Coalesce(kpis), alerts, [.. order.Select(c => clocks[c])]);

        void Update(CaseId id, Func<CaseClockUpdate, CaseClockUpdate> change)
        {
            if (!clocks.TryGetValue(id, out var current))
            {
                current = new CaseClockUpdate(id, null, false);
                order.Add(id);
            }
            clocks[id] = change(current);
        }
    }

    /// <summary>The effects of several runs as one: KPI deltas coalesced again per key (so an invocation that ran many
    /// deliveries writes each KPI entity once), alerts in run order, one timer update per case (the later run's wake-up
    /// wins, a close wins over any wake-up, as in <see cref="Of"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is <see langword="null"/>.</exception>
    public static PipelineEffects Combine(IEnumerable<PipelineEffects> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var order = new List<KpiKey>();
        var kpis = new Dictionary<KpiKey, KpiAggregate>();
        var alerts = new List<SlaAlert>();
        var clockOrder = new List<CaseId>();
        var clocks = new Dictionary<CaseId, CaseClockUpdate>();
        foreach (var run in runs)
        {
            foreach (var (key, delta) in run.Kpis)
            {
                if (!kpis.TryGetValue(key, out var sum))
                {
                    kpis[key] = sum = new KpiAggregate();
                    order.Add(key);
                }
                sum.Merge(delta);
            }
            alerts.AddRange(run.Alerts);
            foreach (var clock in run.Clocks)
            {
                if (!clocks.TryGetValue(clock.Case, out var current)) clockOrder.Add(clock.Case);
                clocks[clock.Case] = current.Closed ? current : clock.Closed ? clock : clock with { WakeAt = clock.WakeAt ?? current.WakeAt };
            }
        }
        return new PipelineEffects([.. order.Select(k => new KeyValuePair<KpiKey, KpiAggregate>(k, kpis[k]))], alerts,
            [.. clockOrder.Select(c => clocks[c])]);
    }

    /// <summary>The update for one case, or one that requests nothing when the commands did not touch it.</summary>
    public CaseClockUpdate ClockOf(CaseId id)
    {
        foreach (var clock in Clocks)
            if (clock.Case == id) return clock;
        return new CaseClockUpdate(id, null, false);
    }
}
