using NodaTime;
using SocialSla.Core.Cases;

namespace SocialSla.Core.Sla;

/// <summary>The one place where a case's clocks, reply times and status are derived from its timeline (design §3).</summary>
/// <remarks>
/// <para>Rules, in the order the timeline is walked:</para>
/// <list type="bullet">
/// <item>An actionable customer message starts a reply clock unless one runs: <see cref="ClockKind.FirstReply"/>
/// before the first brand reply, <see cref="ClockKind.NextReply"/> after it. A non-actionable one starts none.</item>
/// <item>A brand reply by a person stops the running reply clock and answers every pending customer message; its
/// response time runs from the earliest pending one, so a reply to a non-actionable message opens the case
/// retroactively from that message. Automated replies change nothing.</item>
/// <item>After a brand reply, <c>autoResolveAfter</c> without an actionable customer message resolves the case;
/// resolution time then ends at that brand reply. An explicit resolution ends it at its own instant and stops every
/// clock. An actionable customer message after resolution reopens the case; the resolution clock keeps its start.</item>
/// <item>The reply window (Meta DMs) runs in wall-clock time from the customer's latest unanswered message.</item>
/// <item>Pauses stop every clock; business time counts only the calendar's open time.</item>
/// </list>
/// </remarks>
public static class SlaEvaluator
{
    /// <summary>Evaluates a case.</summary>
    /// <param name="timeline">The case's entries, sorted by instant (see <see cref="CaseTimeline"/>).</param>
    /// <param name="terms">The case's targets and calendar.</param>
    /// <param name="autoResolveAfter">Customer silence after a brand reply that resolves the case.</param>
    /// <param name="now">The instant of evaluation; only automatic resolution depends on it.</param>
    public static SlaEvaluation Evaluate(ReadOnlySpan<TimelineEntry> timeline, SlaTerms terms, Duration autoResolveAfter, Instant now)
    {
        var capacity = RunCapacity(timeline.Length);
        var runs = capacity <= 32 ? stackalloc ClockRun[capacity] : new ClockRun[capacity];
        var evaluation = EvaluateInto(timeline, terms, autoResolveAfter, now, runs, out var count);
        return new SlaEvaluation
        {
            Status = evaluation.Status,
            OpenedAt = evaluation.OpenedAt,
            ResolvedAt = evaluation.ResolvedAt,
            ClosedAt = evaluation.ClosedAt,
            AutoResolveAt = evaluation.AutoResolveAt,
            Reopens = evaluation.Reopens,
            Answered = evaluation.Answered,
            FirstReplyTime = evaluation.FirstReplyTime,
            ResponseTimes = evaluation.ResponseTimes,
            ResolutionTime = evaluation.ResolutionTime,
            Clocks = runs[..count].ToArray(),
            Pauses = evaluation.Pauses,
        };
    }

    /// <summary>How many clock runs a timeline of <paramref name="entries"/> entries can have at most: each stop closes
    /// at most a reply run and a window run, two may still run, and one resolution run.</summary>
    internal static int RunCapacity(int entries) => 2 * entries + 3;

    /// <summary><see cref="Evaluate(ReadOnlySpan{TimelineEntry}, SlaTerms, Duration, Instant)"/> for the hot path: the
    /// clock runs go to <paramref name="runs"/> (at least <see cref="RunCapacity"/> long) and the returned
    /// evaluation's <see cref="SlaEvaluation.Clocks"/> is empty.</summary>
    internal static SlaEvaluation EvaluateInto(ReadOnlySpan<TimelineEntry> timeline, SlaTerms terms, Duration autoResolveAfter, Instant now,
        Span<ClockRun> runs, out int runCount)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var calendar = terms.Calendar;
        var clocks = new RunBuffer(runs);
        List<Duration>? responses = null;
        List<Interval>? pauses = null;

        Instant? openedAt = null, pendingSince = null, replyClockStart = null, windowStart = null;
        Instant? lastHumanReply = null, resolvedAt = null, closedAt = null, pausedSince = null;
        Duration? firstReply = null;
        var resolved = false;
        var answered = false;
        var replied = false;
        var reopens = 0;
        var replyClockKind = ClockKind.FirstReply;
        int firstSeq = 0, nextSeq = 0, windowSeq = 0, replyClockSeq = 0;

        foreach (var entry in timeline)
        {
            if (!resolved && lastHumanReply is { } silentSince && replyClockStart is null && openedAt is not null
                && entry.At >= silentSince + autoResolveAfter)
            {
                resolved = true;
                resolvedAt = silentSince;
                closedAt = silentSince + autoResolveAfter;
                pendingSince = null;
            }

            switch (entry.Kind)
            {
                case TimelineEntryKind.CustomerMessage:
                    if (!entry.Actionable)
                    {
                        if (!resolved) pendingSince ??= entry.At;
                        break;
                    }
                    if (resolved)
                    {
                        resolved = false;
                        resolvedAt = closedAt = null;
                        reopens++;
                    }
                    pendingSince ??= entry.At;
                    openedAt ??= entry.At;
                    if (replyClockStart is null)
                    {
                        replyClockStart = entry.At;
                        replyClockKind = replied ? ClockKind.NextReply : ClockKind.FirstReply;
                        replyClockSeq = replied ? nextSeq++ : firstSeq++;
                    }
                    if (terms.ReplyWindow is not null)
                    {
                        if (windowStart is null) windowSeq++;
                        windowStart = entry.At;
                    }
                    break;

                case TimelineEntryKind.BrandReply:
                    if (pendingSince is { } pending)
                    {
                        var responseTime = calendar.BusinessTimeBetween(pending, entry.At);
                        (responses ??= new List<Duration>(2)).Add(responseTime);
                        firstReply ??= responseTime;
                        answered = true;
                        openedAt ??= pending;
                        pendingSince = null;
                    }
                    StopRunningClocks(ref clocks, terms, ref replyClockStart, replyClockKind, replyClockSeq, ref windowStart, windowSeq, entry.At);
                    if (openedAt is not null && !resolved)
                    {
                        replied = true;
                        lastHumanReply = entry.At;
                    }
                    break;

                case TimelineEntryKind.Resolved:
                    if (resolved || openedAt is null) break;
                    resolved = true;
                    resolvedAt = closedAt = entry.At;
                    pendingSince = null;
                    StopRunningClocks(ref clocks, terms, ref replyClockStart, replyClockKind, replyClockSeq, ref windowStart, windowSeq, entry.At);
                    break;

                case TimelineEntryKind.Paused:
                    pausedSince ??= entry.At;
                    break;

                case TimelineEntryKind.Resumed:
                    if (pausedSince is { } since)
                    {
                        (pauses ??= []).Add(new Interval(since, entry.At));
                        pausedSince = null;
                    }
                    break;
            }
        }

        Instant? autoResolveAt = null;
        if (!resolved && lastHumanReply is { } last && replyClockStart is null && openedAt is not null)
        {
            if (now >= last + autoResolveAfter)
            {
                resolved = true;
                resolvedAt = last;
                closedAt = last + autoResolveAfter;
            }
            else
            {
                autoResolveAt = last + autoResolveAfter;
            }
        }

        if (replyClockStart is { } stillRunning) AddRun(ref clocks, terms, replyClockKind, replyClockSeq, stillRunning, null);
        if (windowStart is { } windowOpen) AddRun(ref clocks, terms, ClockKind.ReplyWindow, windowSeq - 1, windowOpen, null);
        if (pausedSince is { } openPause) (pauses ??= []).Add(new Interval(openPause, null));

        if (openedAt is { } start)
        {
            Instant? resolutionStop = resolved ? resolvedAt : replyClockStart is null ? lastHumanReply : null;
            AddRun(ref clocks, terms, ClockKind.Resolution, 0, start, resolutionStop);
        }

        runCount = clocks.Count;
        return new SlaEvaluation
        {
            Status = resolved ? CaseStatus.Resolved : openedAt is null ? CaseStatus.NotOpened : CaseStatus.Open,
            OpenedAt = openedAt,
            ResolvedAt = resolved ? resolvedAt : null,
            ClosedAt = resolved ? closedAt : null,
            AutoResolveAt = autoResolveAt,
            Reopens = reopens,
            Answered = answered,
            FirstReplyTime = firstReply,
            ResponseTimes = (IReadOnlyList<Duration>?)responses ?? Array.Empty<Duration>(),
            ResolutionTime = resolved && openedAt is { } from && resolvedAt is { } to ? calendar.BusinessTimeBetween(from, to) : null,
            Clocks = [],
            Pauses = (IReadOnlyList<Interval>?)pauses ?? Array.Empty<Interval>(),
        };
    }

    /// <summary>Stops the running reply clock and reply window, if any, at <paramref name="at"/>.</summary>
    private static void StopRunningClocks(ref RunBuffer clocks, SlaTerms terms, ref Instant? replyClockStart, ClockKind replyClockKind,
        int replyClockSeq, ref Instant? windowStart, int windowSeq, Instant at)
    {
        if (replyClockStart is { } running)
        {
            AddRun(ref clocks, terms, replyClockKind, replyClockSeq, running, at);
            replyClockStart = null;
        }
        if (windowStart is { } window)
        {
            AddRun(ref clocks, terms, ClockKind.ReplyWindow, windowSeq - 1, window, at);
            windowStart = null;
        }
    }

    private static void AddRun(ref RunBuffer clocks, SlaTerms terms, ClockKind kind, int sequence, Instant start, Instant? stop)
    {
        if (terms.TargetOf(kind) is { } target) clocks.Add(new ClockRun(kind, sequence, start, stop, target));
    }

    private ref struct RunBuffer(Span<ClockRun> space)
    {
        private readonly Span<ClockRun> _space = space;
        private int _count;

        public readonly int Count => _count;

        public void Add(ClockRun run) => _space[_count++] = run;
    }
}
