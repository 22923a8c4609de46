using NodaTime;
using SocialSla.Core.Calendars;

namespace SocialSla.Core.Sla;

/// <summary>One run of a clock: when it started, when (if yet) it stopped, and its target.</summary>
/// <param name="Kind">Which clock.</param>
/// <param name="Sequence">The run's number among runs of the same kind in this case (0, 1, …); with the kind and
/// threshold it names an alert uniquely.</param>
/// <param name="StartedAt">The instant the clock started.</param>
/// <param name="StoppedAt">The instant it stopped (a reply, a resolution), or <see langword="null"/> while it runs.
/// For the resolution clock a stop at the last brand reply is provisional while the case waits on the customer.</param>
/// <param name="Target">The target, in business time of the case calendar (wall-clock time for the reply window).</param>
public readonly record struct ClockRun(ClockKind Kind, int Sequence, Instant StartedAt, Instant? StoppedAt, Duration Target)
{
    /// <summary>Whether the clock is still running.</summary>
    public bool IsRunning => StoppedAt is null;

    /// <summary>The calendar this run counts in: wall-clock for the reply window, else the case calendar.</summary>
    public BusinessCalendar CalendarFor(SlaTerms terms) =>
        Kind == ClockKind.ReplyWindow ? BusinessCalendar.AlwaysOpen : terms.Calendar;
}
