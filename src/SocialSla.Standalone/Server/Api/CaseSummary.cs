using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;

namespace SocialSla.Standalone.Server.Api;

/// <summary>One case as the case list, the CSV export and the board show it, judged at one instant.</summary>
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
/// excerpt with the configured triage (sentiment alone without one). Reasons that depend on what the excerpt does not
/// carry (followers, verified, the VIP list, engagement) are not shown.</remarks>
internal sealed record CaseSummary(
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
    CaseSentimentTrack SentimentTrack = default);
