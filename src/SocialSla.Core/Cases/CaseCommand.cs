using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Kpis;

namespace SocialSla.Core.Cases;

/// <summary>Something the case machine asks its host to do; hosts execute commands, they never decide.</summary>
public abstract record CaseCommand;

/// <summary>Call <see cref="CaseMachine.Advance"/> for the case at <paramref name="At"/> (it replaces any earlier request).</summary>
/// <param name="Case">The case.</param>
/// <param name="At">When to wake the case.</param>
public sealed record ScheduleWakeUp(CaseId Case, Instant At) : CaseCommand;

/// <summary>Deliver an alert.</summary>
/// <param name="Alert">The alert; its id is deterministic, so a redelivered command can be deduplicated.</param>
public sealed record RaiseAlert(SlaAlert Alert) : CaseCommand;

/// <summary>Fold a delta into the KPI aggregate of a key (<see cref="KpiAggregate.Apply"/>).</summary>
/// <param name="Key">The dimension.</param>
/// <param name="Delta">The change.</param>
public sealed record RecordKpi(KpiKey Key, KpiDelta Delta) : CaseCommand;

/// <summary>The case is closed for good: its reopen window passed. The host may archive it and stop its timers.</summary>
/// <param name="Case">The case.</param>
/// <param name="At">When it closed.</param>
public sealed record CloseCase(CaseId Case, Instant At) : CaseCommand;
