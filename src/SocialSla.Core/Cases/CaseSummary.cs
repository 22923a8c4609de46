using System.Text.Json;
using NodaTime;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;

namespace SocialSla.Core.Cases;

/// <summary>One case as the case list, the case detail, the CSV export and the board show it, judged at one instant;
/// both hosts build it here and write it with <see cref="CaseSummaryJson"/>.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Account">The brand account (<c>platform:account</c>).</param>
/// <param name="Channel">The channel's wire name.</param>
/// <param name="Priority">The priority, lowercase.</param>
/// <param name="Status">The stored status (<c>open</c>, <c>resolved</c>, <c>closed</c>, <c>notOpened</c>).</param>
/// <param name="OpenedAt">When the case opened, if it has.</param>
/// <param name="ClosedAt">When it was resolved, while resolved.</param>
/// <param name="NextThresholdAt">When its next unfired threshold is reached, if any clock runs.</param>
/// <param name="NextThreshold">Which threshold that is.</param>
/// <param name="Urgency">The board colour.</param>
/// <param name="CustomerHandle">The customer's handle, if known.</param>
/// <param name="Link">A link to the first message, if known.</param>
/// <param name="Excerpt">The start of the first customer message.</param>
/// <param name="Sentiment">The sentiment of the excerpt.</param>
/// <param name="Tags">Routing tags stored with the case (every customer message's), else the excerpt's under the configured triage.</param>
/// <param name="PriorityReasons">What raised or lowered the priority, as far as the excerpt shows it (see remarks).</param>
/// <param name="Queue">The routing queue stored with the case, if triaged.</param>
/// <param name="SentimentTrack">The first and latest customer sentiment stored with the case, if triaged.</param>
/// <remarks>Triage verdicts are not stored with a case: sentiment, tags and priority reasons are recomputed from the
/// excerpt (<see cref="ExcerptTriage"/>). Reasons that depend on what the excerpt does not carry (followers, verified,
/// the VIP list, engagement) are not shown.</remarks>
public sealed record CaseSummary(
    string Id,
    string Account,
    string Channel,
    string Priority,
    string Status,
    Instant? OpenedAt,
    Instant? ClosedAt,
    Instant? NextThresholdAt,
    ThresholdLevel? NextThreshold,
    CaseUrgency Urgency,
    string? CustomerHandle,
    string? Link,
    string Excerpt,
    SentimentScore Sentiment,
    IReadOnlyList<string> Tags,
    PriorityReasons PriorityReasons,
    string? Queue = null,
    CaseSentimentTrack SentimentTrack = default)
{
    /// <summary>The summary of <paramref name="state"/> at <paramref name="now"/>: an open (or not yet opened) case's
    /// clocks run to <paramref name="now"/>, a closed one's to when it closed.</summary>
    /// <param name="state">The case.</param>
    /// <param name="policy">The SLA policy its clocks run under.</param>
    /// <param name="now">The instant it is judged at.</param>
    /// <param name="excerpt">The excerpt's triage (<see cref="ExcerptTriage.Assess"/>).</param>
    public static CaseSummary Of(CaseState state, SlaPolicy policy, Instant now, ExcerptVerdict excerpt)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(excerpt);
        var open = IsOpen(state);
        var clocks = ClocksAt(state, policy, now);
        ThresholdLevel? level = null;
        Instant? levelAt = null;
        foreach (var clock in clocks)
        {
            if (clock.NextThresholdAt is { } at && (levelAt is null || at < levelAt)) (level, levelAt) = (clock.NextThreshold, at);
        }
        return new CaseSummary(state.Id.Value, state.Account.ToString(), state.Channel.ToWireName(), PriorityName(state.Priority), StatusName(state.Status),
            state.Timeline.Length > 0 ? state.Timeline[0].At : null, state.ClosedAt,
            open ? levelAt : null, open ? level : null,
            open ? CaseClocks.Urgency(clocks) : CaseUrgency.Idle,
            state.CustomerHandle, state.Link, state.Excerpt, excerpt.Sentiment, state.Tags.Length > 0 ? state.Tags : excerpt.Tags, excerpt.Reasons,
            state.Queue, state.Sentiment);
    }

    /// <summary>The case's clocks as the list and the detail show them: an open (or not yet opened) case's run to
    /// <paramref name="now"/>, a closed one's to when it closed.</summary>
    public static IReadOnlyList<ClockStatus> ClocksAt(CaseState state, SlaPolicy policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return CaseClocks.Describe(state, policy, IsOpen(state) ? now : state.ClosedAt ?? now);
    }

    private static bool IsOpen(CaseState state) => state.Status is CaseStatus.Open or CaseStatus.NotOpened;

    /// <summary>The wire name of a status: <c>open</c>, <c>resolved</c>, <c>closed</c>, <c>notOpened</c>, <c>merged</c>.</summary>
    public static string StatusName(CaseStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>The wire name of a priority, lowercase.</summary>
    public static string PriorityName(Priority priority) => priority.ToString().ToLowerInvariant();
}
