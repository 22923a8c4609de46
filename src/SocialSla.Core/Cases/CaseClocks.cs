using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Cases;

/// <summary>The clocks of a case as seen at an instant, and the next threshold the case will reach: what the case API,
/// the board and the open-case ordering show.</summary>
public static class CaseClocks
{
    /// <summary>Every clock run of <paramref name="state"/>, judged at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ClockStatus> Describe(CaseState state, SlaPolicy policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        var evaluation = SlaEvaluator.Evaluate(state.Timeline, state.Terms, policy.AutoResolveAfter, now);
        var clocks = new List<ClockStatus>(evaluation.Clocks.Count);
        foreach (var run in evaluation.Clocks)
        {
            var calendar = run.CalendarFor(state.Terms);
            var pauses = run.Kind == ClockKind.ReplyWindow ? Array.Empty<Interval>() : evaluation.Pauses;
            var measuredTo = run.StoppedAt is { } stop && stop < now ? stop : now;
            var elapsed = ClockMath.ActiveTimeBetween(calendar, run.StartedAt, measuredTo, pauses);
            var dueAt = run.Kind == ClockKind.ReplyWindow
                ? run.StartedAt + run.Target
                : ClockMath.AddActiveTime(calendar, run.StartedAt, run.Target, pauses);
            var (next, nextAt) = run.IsRunning ? NextThreshold(state, run, calendar, pauses) : (null, null);
            var clockState = elapsed > run.Target ? ClockState.Breached
                : !run.IsRunning ? ClockState.Fulfilled
                : IsPaused(evaluation.Pauses, now) && run.Kind != ClockKind.ReplyWindow ? ClockState.Paused
                : ClockState.Running;
            clocks.Add(new ClockStatus(run.Kind, run.Sequence, run.StartedAt, run.StoppedAt, run.Target, dueAt, elapsed, clockState, next, nextAt));
        }
        return clocks;
    }

    /// <summary>The board colour of a case from its clocks as <see cref="Describe"/> gives them at one instant: the most
    /// urgent of its running clocks (breached past the target, at risk past 80 %, warning past 50 % of the elapsed
    /// target time), <see cref="CaseUrgency.Paused"/> when the running clocks are paused and none is breached, and
    /// <see cref="CaseUrgency.Idle"/> when no clock runs.</summary>
    /// <remarks>Stopped clocks do not count, even breached ones: the colour says what needs doing now. The reply
    /// window has no warning or at-risk threshold of its own; it colours by the same shares of its length.</remarks>
    public static CaseUrgency Urgency(IReadOnlyList<ClockStatus> clocks)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        var urgency = CaseUrgency.Idle;
        var paused = false;
        foreach (var clock in clocks)
        {
            if (clock.StoppedAt is not null) continue;
            if (clock.State == ClockState.Paused) paused = true;
            var level = clock.Elapsed > clock.Target ? CaseUrgency.Breached
                : clock.Elapsed > SlaThresholds.ElapsedAt(ThresholdLevel.AtRisk, clock.Target, Duration.Zero) ? CaseUrgency.AtRisk
                : clock.Elapsed > SlaThresholds.ElapsedAt(ThresholdLevel.Warning, clock.Target, Duration.Zero) ? CaseUrgency.Warning
                : CaseUrgency.Running;
            if (level > urgency) urgency = level;
        }
        return paused && urgency != CaseUrgency.Breached ? CaseUrgency.Paused : urgency;
    }

    /// <summary>The earliest instant at which a running clock of the case reaches a threshold that has not fired, or
    /// <see langword="null"/> when none will (no clock runs, or every threshold fired).</summary>
    public static Instant? NextThresholdAt(IReadOnlyList<ClockStatus> clocks)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        Instant? earliest = null;
        foreach (var clock in clocks)
        {
            if (clock.NextThresholdAt is { } at && (earliest is null || at < earliest)) earliest = at;
        }
        return earliest;
    }

    /// <summary>The earliest instant at which a running clock of <paramref name="state"/> reaches a threshold that has
    /// not fired (as <see cref="NextThresholdAt(IReadOnlyList{ClockStatus})"/> of <see cref="Describe"/>, without
    /// building the descriptions: hosts store it with every step to order open cases).</summary>
    public static Instant? NextThresholdAt(CaseState state, SlaPolicy policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        var capacity = SlaEvaluator.RunCapacity(state.Timeline.Length);
        var clocks = capacity <= 32 ? stackalloc ClockRun[capacity] : new ClockRun[capacity];
        var evaluation = SlaEvaluator.EvaluateInto(state.Timeline, state.Terms, policy.AutoResolveAfter, now, clocks, out var count);
        Instant? earliest = null;
        for (var r = 0; r < count; r++)
        {
            var run = clocks[r];
            if (!run.IsRunning) continue;
            var pauses = run.Kind == ClockKind.ReplyWindow ? Array.Empty<Interval>() : evaluation.Pauses;
            if (NextThreshold(state, run, run.CalendarFor(state.Terms), pauses) is (_, { } at) && (earliest is null || at < earliest)) earliest = at;
        }
        return earliest;
    }

    private static (ThresholdLevel?, Instant?) NextThreshold(CaseState state, ClockRun run, Calendars.BusinessCalendar calendar, IReadOnlyList<Interval> pauses)
    {
        foreach (var level in SlaThresholds.LevelsOf(run.Kind))
        {
            if (Array.IndexOf(state.Fired, new AlertKey(run.Kind, run.Sequence, level)) >= 0) continue;
            var elapsedAt = SlaThresholds.ElapsedAt(level, run.Target, state.Terms.ReplyWindowLead);
            return (level, ClockMath.AddActiveTime(calendar, run.StartedAt, elapsedAt, pauses));
        }
        return (null, null);
    }

    private static bool IsPaused(IReadOnlyList<Interval> pauses, Instant now)
    {
        foreach (var pause in pauses)
        {
            if (pause.Contains(now)) return true;
        }
        return false;
    }
}
