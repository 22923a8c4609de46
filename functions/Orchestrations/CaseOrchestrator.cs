using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;
using SocialSla.Core.Storage.Tables;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions.Orchestrations;

/// <summary>The orchestration input: the case and when it next wants waking (carried across ContinueAsNew).</summary>
public sealed record CaseClockRun(string CaseId, DateTimeOffset? WakeAt);

/// <summary>A timer update for a running case orchestration, raised by ProcessMention and the resolve API after they
/// committed a change of the case (<see cref="CaseClockUpdate"/>).</summary>
public sealed record CaseClockSignal(DateTimeOffset? WakeAt, bool Closed)
{
    /// <summary>The external event name.</summary>
    public const string EventName = "case-clock";
}

/// <summary>The wake-up activity's input: the case, the wake-up it requested, and the orchestration's time.</summary>
public sealed record CaseWakeRequest(string CaseId, DateTimeOffset RequestedAt, DateTimeOffset Now);

/// <summary>The wake-up activity's result: whether the case still lives, and its next wake-up.</summary>
public sealed record CaseWakeResult(bool Exists, DateTimeOffset? NextWakeUp);

/// <summary>The case clock: one orchestration per case (instance id = <see cref="CaseInstanceId.Of"/>, the case id made
/// a valid instance id) that sleeps on a durable timer until
/// the case's next wake-up and then runs <see cref="WakeCase"/> (Core's <see cref="MentionPipeline.WakeUp(CaseId, Instant, Instant)"/>
/// on the case state in Table storage). It decides nothing: the case state and every rule live in Core.</summary>
/// <remarks>
/// <para>Shaped around the isolated worker's event-loss bug with cancelled waits (azure-stack.md §4): one live
/// <c>WaitForExternalEvent</c> waiter, never cancelled, re-armed right after it completes and before any other await;
/// only timers are cancelled. History is bounded by <c>ContinueAsNew</c> every <see cref="TurnsPerGeneration"/> turns
/// (unprocessed events are preserved, the default in isolated).</para>
/// <para>A lost or late signal costs at most a late wake-up, never a wrong one: a timer that fires for a superseded
/// wake-up runs nothing (Core compares it with the stored case) and returns the case's current next wake-up.</para>
/// </remarks>
public sealed class CaseOrchestrator(PipelineTable pipeline, EffectsRunner effects, AppSettings settings)
{
    public const int TurnsPerGeneration = 50;

    private static readonly TaskOptions ActivityRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(2)));

    [Function(nameof(CaseOrchestrator))]
    public static async Task Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var run = context.GetInput<CaseClockRun>() ?? throw new InvalidOperationException("The case orchestration has no input.");
        var wakeAt = run.WakeAt;
        Task<CaseClockSignal> signal = context.WaitForExternalEvent<CaseClockSignal>(CaseClockSignal.EventName);
        for (var turn = 0; turn < TurnsPerGeneration; turn++)
        {
            using var timerCancel = new CancellationTokenSource();
            Task winner = wakeAt is { } at
                ? await Task.WhenAny(signal, context.CreateTimer(at.UtcDateTime, timerCancel.Token))
                : signal;
            if (winner == signal)
            {
                timerCancel.Cancel();
                var received = await signal;
                signal = context.WaitForExternalEvent<CaseClockSignal>(CaseClockSignal.EventName);
                if (received.Closed) return;
                wakeAt = received.WakeAt;
                continue;
            }
            var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
            var woken = await context.CallActivityAsync<CaseWakeResult>(nameof(WakeCase), new CaseWakeRequest(run.CaseId, wakeAt!.Value, now), ActivityRetry);
            if (!woken.Exists) return;
            wakeAt = woken.NextWakeUp;
        }
        context.ContinueAsNew(new CaseClockRun(run.CaseId, wakeAt));
    }

    /// <summary>Runs the case's wake-up against its stored state (Core), executes the effects (KPI merges, alerts) and
    /// returns what the case wants next.</summary>
    [Function(nameof(WakeCase))]
    public async Task<CaseWakeResult> WakeCase([ActivityTrigger] CaseWakeRequest request, CancellationToken cancellationToken)
    {
        var id = new CaseId(request.CaseId);
        var platform = PipelineTableEntity.PlatformOf(id);
        var requestedAt = Instant.FromDateTimeOffset(request.RequestedAt);
        var now = Instant.FromDateTimeOffset(request.Now);
        var runKey = $"wake|{id.Value}|{InstantNanos.ToNanos(requestedAt)}";
        var (next, _) = await PipelineTableStore.RunAsync(pipeline.Port, platform, settings.Policy, runKey, state =>
        {
            var commands = new MentionPipeline(settings.Policy, state).WakeUp(id, requestedAt, now);
            var live = state.GetCase(id);
            return new PipelineStep<CaseWakeResult>(new CaseWakeResult(live is not null, live?.NextWakeUp?.ToDateTimeOffset()), commands);
        }, cancellationToken: cancellationToken);
        // This case's own timer update is the result; a wake-up touches no other case.
        await effects.DrainAsync(pipeline, platform, runKey, _ => Task.CompletedTask, cancellationToken);
        return next;
    }

    /// <summary>Hands a case's timer update to its orchestration: raises it to a running instance, or starts one when a
    /// timer is needed (<see cref="CaseClockUpdate.NeedsTimer"/>) and none runs — the singleton pattern of
    /// azure-stack.md §4, tolerant of a racing start (the start fails, the instance is then found, the event is raised).</summary>
    public static async Task SignalAsync(DurableTaskClient client, CaseClockUpdate update, CancellationToken cancellationToken)
    {
        var instanceId = CaseInstanceId.Of(update.Case);
        var signal = new CaseClockSignal(update.WakeAt?.ToDateTimeOffset(), update.Closed);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is null || existing.IsCompleted)
        {
            if (!update.NeedsTimer) return;
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(CaseOrchestrator), new CaseClockRun(update.Case.Value, signal.WakeAt),
                    new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // OrchestrationAlreadyExistsException or an RPC AlreadyExists, depending on the extension version:
                // someone started it in between; signal that instance instead.
                var now = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
                if (now is null || now.IsCompleted) throw;
            }
        }
        await client.RaiseEventAsync(instanceId, CaseClockSignal.EventName, signal, cancellationToken);
    }
}
