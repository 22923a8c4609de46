using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Storage;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions;

/// <summary>The orchestration input: the case's state (<see cref="CaseStateJson"/>), carried across ContinueAsNew.</summary>
public sealed record CaseRun(string CaseJson);

/// <summary>An event for a live case, raised by ProcessMention or the resolve API; maps one to one onto the
/// <see cref="CaseEvent"/> factories.</summary>
public sealed record CaseSignal(string Kind, DateTimeOffset At, bool Actionable = true, string Priority = "normal", bool Automated = false)
{
    public const string EventName = "case-event";

    public CaseEvent ToCaseEvent()
    {
        var at = Instant.FromDateTimeOffset(At);
        return Kind switch
        {
            "customer" => CaseEvent.CustomerMessage(at, Actionable, Enum.Parse<Priority>(Priority, ignoreCase: true)),
            "brand" => CaseEvent.BrandReply(at, Automated),
            "resolve" => CaseEvent.Resolve(at),
            "pause" => CaseEvent.Pause(at),
            "resume" => CaseEvent.Resume(at),
            _ => throw new ArgumentException($"Unknown case signal '{Kind}'."),
        };
    }
}

/// <summary>One KPI entity's coalesced delta, as an activity input (keys + <see cref="KpiAggregateJson"/>).</summary>
public sealed record KpiWrite(string PartitionKey, string RowKey, string DeltaJson);

/// <summary>An alert to publish: its id and its JSON (<see cref="SocialSla.Core.Alerts.SlaAlertJson"/>).</summary>
public sealed record AlertMessage(string Id, string Json);

/// <summary>The case orchestration: a short loop that executes the Core case machine's commands (durable timers for
/// wake-ups, activities for alerts and KPI writes) and decides nothing itself.</summary>
/// <remarks>
/// <para>Shape chosen around the isolated worker's event-loss bug with cancelled waits (azure-stack.md §4): one live
/// <see cref="TaskOrchestrationContext.WaitForExternalEvent{T}(string, CancellationToken)"/> waiter, never cancelled,
/// re-armed right after it completes and before any other await; only timers are cancelled. History is bounded by
/// <see cref="TaskOrchestrationContext.ContinueAsNew(object?, bool)"/> every <see cref="TurnsPerGeneration"/> turns
/// (unprocessed events are preserved, the default in isolated).</para>
/// <para>Instance id = case id (<see cref="StartOrSignalAsync"/>), so each case has one orchestration.</para>
/// </remarks>
public sealed class CaseOrchestrator(AppSettings settings)
{
    public const int TurnsPerGeneration = 50;

    private static readonly TaskOptions ActivityRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(2)));

    [Function(nameof(CaseOrchestrator))]
    public async Task Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var run = context.GetInput<CaseRun>() ?? throw new InvalidOperationException("The case orchestration has no input.");
        var state = CaseStateJson.Read(Encoding.UTF8.GetBytes(run.CaseJson), settings.Policy);
        var wakeAt = state.NextWakeUp;
        Task<CaseSignal> signal = context.WaitForExternalEvent<CaseSignal>(CaseSignal.EventName);
        for (var turn = 0; turn < TurnsPerGeneration; turn++)
        {
            using var timerCancel = new CancellationTokenSource();
            Task winner = wakeAt is { } at
                ? await Task.WhenAny(signal, context.CreateTimer(at.ToDateTimeUtc(), timerCancel.Token))
                : signal;
            if (winner != signal) await winner;
            var now = Instant.FromDateTimeUtc(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
            CaseStep step;
            if (winner == signal)
            {
                timerCancel.Cancel();
                var received = await signal;
                signal = context.WaitForExternalEvent<CaseSignal>(CaseSignal.EventName);
                step = CaseMachine.Apply(state, received.ToCaseEvent(), settings.Policy, now);
            }
            else
            {
                step = CaseMachine.Advance(state, settings.Policy, now);
            }
            state = step.State;
            wakeAt = state.NextWakeUp;
            var closed = false;
            var kpis = new List<RecordKpi>();
            foreach (var command in step.Commands)
            {
                switch (command)
                {
                    case ScheduleWakeUp wake: wakeAt = wake.At; break;
                    case RaiseAlert raise:
                        await context.CallActivityAsync(nameof(Activities.SendAlert),
                            new AlertMessage(raise.Alert.Id.ToString(), Encoding.UTF8.GetString(Core.Alerts.SlaAlertJson.ToUtf8(raise.Alert))), ActivityRetry);
                        break;
                    case RecordKpi kpi: kpis.Add(kpi); break;
                    case CloseCase: closed = true; break;
                }
            }
            if (kpis.Count > 0) await context.CallActivityAsync(nameof(Activities.RecordKpis), ToWrites(kpis), ActivityRetry);
            if (closed) return;
        }
        context.ContinueAsNew(new CaseRun(Encoding.UTF8.GetString(CaseStateJson.ToUtf8(state))));
    }

    /// <summary>Coalesces the turn's KPI commands (Core) into one write per entity.</summary>
    public static List<KpiWrite> ToWrites(IEnumerable<RecordKpi> commands) =>
        [.. KpiTableEntity.Coalesce(commands).Select(c =>
        {
            var address = KpiTableEntity.AddressOf(c.Key);
            return new KpiWrite(address.PartitionKey, address.RowKey, Encoding.UTF8.GetString(KpiAggregateJson.ToUtf8(c.Value)));
        })];

    /// <summary>Raises <paramref name="signal"/> to the case's orchestration, starting it first (with
    /// <paramref name="initial"/>) when it does not run: the singleton pattern of azure-stack.md §4, tolerant of a
    /// racing start (the start fails, the instance is then found running, and the event is raised).</summary>
    public static async Task StartOrSignalAsync(DurableTaskClient client, CaseId caseId, CaseState initial, CaseSignal? signal, CancellationToken cancellationToken)
    {
        var instanceId = MessageIds.Fit(caseId.Value);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is null || existing.IsCompleted)
        {
            try
            {
                var input = new CaseRun(Encoding.UTF8.GetString(CaseStateJson.ToUtf8(initial)));
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(CaseOrchestrator), input,
                    new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // OrchestrationAlreadyExistsException or an RPC AlreadyExists, depending on the extension version.
                var now = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
                if (now is null || now.IsCompleted) throw;
            }
            await client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        }
        if (signal is not null) await client.RaiseEventAsync(instanceId, CaseSignal.EventName, signal, cancellationToken);
    }
}
