using NodaTime;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Cases;

/// <summary>One clock of a case as seen at an instant: for the case API and the board.</summary>
/// <param name="Kind">Which clock.</param>
/// <param name="Sequence">Which run of that clock (next reply runs once per customer turn).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="StoppedAt">When it stopped, if it has.</param>
/// <param name="Target">Its target, in open (business) time.</param>
/// <param name="DueAt">The instant the target is reached, if the calendar and pauses let it be known.</param>
/// <param name="Elapsed">Open time counted so far (up to the stop, if stopped).</param>
/// <param name="State">Where it stands.</param>
/// <param name="NextThreshold">The next threshold that has not fired, while the clock runs.</param>
/// <param name="NextThresholdAt">When that threshold is reached.</param>
public sealed record ClockStatus(
    ClockKind Kind,
    int Sequence,
    Instant StartedAt,
    Instant? StoppedAt,
    Duration Target,
    Instant? DueAt,
    Duration Elapsed,
    ClockState State,
    ThresholdLevel? NextThreshold,
    Instant? NextThresholdAt);
