using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Cases;

/// <summary>The case state machine: events and the passing of time in, a new state and commands out (design §2).</summary>
/// <remarks>
/// <para>Pure: time is an argument. The Durable orchestrator, the local scheduler and replay all drive it the same way:
/// <see cref="Apply"/> for each event, <see cref="Advance"/> at each requested wake-up, then execute the commands.</para>
/// <para>A threshold fires when its clock was still running strictly after the threshold instant, judged at
/// <c>now</c>: a reply at exactly the target is within target. Wake-ups are therefore requested one tick
/// (<see cref="Duration.Epsilon"/>) after a threshold. A threshold passed while its clock ran but seen only later
/// (a late wake-up, an out-of-order message) fires late rather than never; each fires at most once.</para>
/// </remarks>
public static class CaseMachine
{
    /// <summary>The state of a new case, before its first event.</summary>
    public static CaseState Create(CaseId id, Mention first, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(policy);
        var facts = new CaseFacts(first.Account, first.Channel, first.Priority);
        return new CaseState
        {
            Id = id,
            Account = first.Account,
            Channel = first.Channel,
            Priority = first.Priority,
            Terms = policy.TermsFor(facts),
            CustomerHandle = first.FromBrand ? null : HandleOf(first),
            Link = first.FromBrand ? null : first.Url,
            Excerpt = first.FromBrand ? "" : Excerpt(first.Text),
        };
    }

    /// <summary>Records an event, then advances the case to <paramref name="now"/>.</summary>
    public static CaseStep Apply(CaseState state, CaseEvent caseEvent, SlaPolicy policy, Instant now) =>
        ApplyInto(state, caseEvent, policy, now, new List<CaseCommand>(2));

    /// <summary><see cref="Apply"/>, appending the commands to a list the
    /// caller already has (the step's <see cref="CaseStep.Commands"/> is that list).</summary>
    internal static CaseStep ApplyInto(CaseState state, CaseEvent caseEvent, SlaPolicy policy, Instant now, List<CaseCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        if (state.Status == CaseStatus.Closed) return new CaseStep(state, commands);
        var priority = caseEvent.Priority > state.Priority ? caseEvent.Priority : state.Priority;
        var terms = priority == state.Priority ? state.Terms : policy.TermsFor(state.Facts with { Priority = priority });
        return Step(state, CaseTimeline.Insert(state.Timeline, caseEvent.Entry), priority, terms, state.Fired, now, policy, now, commands);
    }

    /// <summary>Moves everything of <paramref name="other"/> into <paramref name="state"/> (two parts of one conversation that
    /// were first taken for two), then advances the result to <paramref name="now"/>.</summary>
    /// <remarks>The commands retract what <paramref name="other"/> contributed to KPIs; the host forgets that case.
    /// Thresholds either part already alerted on stay alerted.</remarks>
    public static CaseStep Merge(CaseState state, CaseState other, SlaPolicy policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(policy);
        var timeline = state.Timeline;
        foreach (var entry in other.Timeline) timeline = CaseTimeline.Insert(timeline, entry);
        var priority = other.Priority > state.Priority ? other.Priority : state.Priority;
        var terms = priority == state.Priority ? state.Terms : policy.TermsFor(state.Facts with { Priority = priority });
        var merged = state with
        {
            CustomerHandle = state.CustomerHandle ?? other.CustomerHandle,
            Link = state.Link ?? other.Link,
            Excerpt = state.Excerpt.Length > 0 ? state.Excerpt : other.Excerpt,
            Tags = other.Tags.Length == 0 ? state.Tags : [.. state.Tags.Union(other.Tags, StringComparer.OrdinalIgnoreCase)],
            Queue = state.Queue ?? other.Queue,
            Sentiment = state.Sentiment.Count > 0 ? state.Sentiment : other.Sentiment,
        };
        var step = Step(merged, timeline, priority, terms, [.. state.Fired.Union(other.Fired)], now, policy, now, new List<CaseCommand>(2));
        if (other.ContributionKey is not { } otherKey || !other.Contribution.Opened) return step;
        return step with { Commands = [new RecordKpi(otherKey, new KpiDelta { Before = other.Contribution }), .. step.Commands] };
    }

    /// <summary>Advances a case to <paramref name="now"/>: raises due alerts, records KPI changes, resolves or closes
    /// it when its time has come, and asks for the next wake-up.</summary>
    public static CaseStep Advance(CaseState state, SlaPolicy policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        if (state.Status == CaseStatus.Closed) return new CaseStep(state, []);

        // Time alone cannot change a resolved case (every clock stopped at its resolution), so once its reopen window
        // has passed it closes without a new evaluation: the same result as the full step, for the cost of a check.
        if (state.Status == CaseStatus.Resolved && state.ClosedAt is { } closedAt && now >= closedAt + policy.ReopenWindow)
            return new CaseStep(state with { Status = CaseStatus.Closed, NextWakeUp = null }, [new CloseCase(state.Id, now)]);

        return Step(state, state.Timeline, state.Priority, state.Terms, state.Fired, state.TouchedAt, policy, now, new List<CaseCommand>(2));
    }

    /// <summary>One step: the case with the given timeline, priority, terms and fired alerts, evaluated at
    /// <paramref name="now"/>. Builds the next state once, whatever changed.</summary>
    private static CaseStep Step(CaseState state, TimelineEntry[] timeline, Priority priority, SlaTerms terms,
        AlertKey[] fired, Instant? touchedAt, SlaPolicy policy, Instant now, List<CaseCommand> commands)
    {
        var runCapacity = SlaEvaluator.RunCapacity(timeline.Length);
        var clocks = runCapacity <= 32 ? stackalloc ClockRun[runCapacity] : new ClockRun[runCapacity];
        var evaluation = SlaEvaluator.EvaluateInto(timeline, terms, policy.AutoResolveAfter, now, clocks, out var runCount);
        Instant? wake = null;
        var raised = 0;

        for (var r = 0; r < runCount; r++)
        {
            var run = clocks[r];
            var calendar = run.CalendarFor(terms);
            var pauses = run.Kind == ClockKind.ReplyWindow ? Array.Empty<Interval>() : evaluation.Pauses;
            foreach (var level in SlaThresholds.LevelsOf(run.Kind))
            {
                var key = new AlertKey(run.Kind, run.Sequence, level);
                if (Array.IndexOf(fired, key) >= 0) continue;
                var elapsedAt = SlaThresholds.ElapsedAt(level, run.Target, terms.ReplyWindowLead);
                if (ClockMath.AddActiveTime(calendar, run.StartedAt, elapsedAt, pauses) is not { } thresholdAt) break;
                if (thresholdAt < now && (run.StoppedAt is not { } stop || stop > thresholdAt))
                {
                    var alert = NewAlert(state, priority, run, level, thresholdAt, calendar, pauses, now);
                    raised++;
                    fired = [.. fired, key];
                    commands.Add(new RaiseAlert(alert));
                }
                else if (run.IsRunning)
                {
                    wake = Earliest(wake, thresholdAt + Duration.Epsilon);
                    break;
                }
            }
        }

        if (evaluation.AutoResolveAt is { } autoResolveAt) wake = Earliest(wake, autoResolveAt);

        // A resolved case closes for good when its reopen window passes; one that never opened (a brand reply whose
        // customer message never came, a message nobody needed to answer) is forgotten once nothing has reached it
        // for the same window of host time (a late delivery must still find it).
        var status = evaluation.Status;
        Instant? closesForGood = status switch
        {
            CaseStatus.Resolved => evaluation.ClosedAt + policy.ReopenWindow,
            CaseStatus.NotOpened => (touchedAt ?? now) + policy.ReopenWindow,
            _ => null,
        };
        if (closesForGood is { } closeAt)
        {
            if (now >= closeAt) status = CaseStatus.Closed;
            else wake = Earliest(wake, closeAt);
        }

        var contribution = CaseKpiContribution.From(evaluation, state.Contribution);
        var hourSource = evaluation.OpenedAt ?? (timeline.Length > 0 ? timeline[0].At : now);
        var key2 = new KpiKey(state.Account, state.Channel, priority, KpiKey.HourOf(hourSource)) { Queue = state.Queue, Tags = KpiKey.TagSet(state.Tags) };
        RecordKpiChanges(state, contribution, key2, fired, raised, commands);

        if (status == CaseStatus.Closed)
        {
            wake = null;
            commands.Add(new CloseCase(state.Id, now));
        }
        else if (wake is { } at && at != state.NextWakeUp)
        {
            commands.Add(new ScheduleWakeUp(state.Id, at));
        }

        var next = state with
        {
            Timeline = timeline,
            Priority = priority,
            Terms = terms,
            TouchedAt = touchedAt,
            Fired = fired,
            Contribution = contribution,
            ContributionHour = contribution.Opened ? key2.Hour : state.ContributionHour,
            ContributionPriority = contribution.Opened ? key2.Priority : state.ContributionPriority,
            ContributionQueue = contribution.Opened ? key2.Queue : state.ContributionQueue,
            ContributionTags = contribution.Opened ? key2.Tags : state.ContributionTags,
            Status = status,
            ClosedAt = evaluation.ClosedAt,
            NextWakeUp = wake,
        };
        return new CaseStep(next, commands);
    }

    private static void RecordKpiChanges(CaseState state, CaseKpiContribution contribution, KpiKey key, AlertKey[] fired, int raised, List<CaseCommand> commands)
    {
        var oldKey = state.ContributionKey;
        var changed = !ReferenceEquals(contribution, state.Contribution) || (contribution.Opened && oldKey != key);
        if (!changed && raised == 0) return;
        var before = state.Contribution;
        if (changed && oldKey is { } previous && previous != key)
        {
            commands.Add(new RecordKpi(previous, new KpiDelta { Before = before }));
            before = CaseKpiContribution.None;
        }
        var alerts = new ReadOnlyMemory<AlertKey>(fired, fired.Length - raised, raised);
        commands.Add(new RecordKpi(key, new KpiDelta { Before = before, After = contribution, Alerts = alerts }));
    }

    private static SlaAlert NewAlert(CaseState state, Priority priority, ClockRun run, ThresholdLevel level, Instant thresholdAt,
        Calendars.BusinessCalendar calendar, IReadOnlyList<Interval> pauses, Instant now)
    {
        var dueAt = level == ThresholdLevel.WindowClosing
            ? run.StartedAt + run.Target
            : ClockMath.AddActiveTime(calendar, run.StartedAt, run.Target, pauses) ?? thresholdAt;
        var measuredTo = run.StoppedAt is { } stop && stop < now ? stop : now;
        return new SlaAlert
        {
            Id = new AlertId(state.Id, new AlertKey(run.Kind, run.Sequence, level)),
            Kind = SlaAlert.KindOf(level),
            Account = state.Account,
            Target = run.Target,
            ThresholdAt = thresholdAt,
            DueAt = dueAt,
            RaisedAt = now,
            Elapsed = ClockMath.ActiveTimeBetween(calendar, run.StartedAt, measuredTo, pauses),
            Priority = priority,
            CustomerHandle = state.CustomerHandle,
            Link = state.Link,
            Excerpt = state.Excerpt,
        };
    }

    private static Instant? Earliest(Instant? a, Instant b) => a is { } x && x <= b ? x : b;

    /// <summary>The handle an alert shows for a customer message's author.</summary>
    internal static string HandleOf(Mention mention) => mention.Author.Handle ?? mention.Author.Id;

    /// <summary>The start of a message's text as shown in alerts (at most 140 characters).</summary>
    internal static string Excerpt(string text) => text.Length <= 140 ? text : string.Concat(text.AsSpan(0, 139), "…");
}
