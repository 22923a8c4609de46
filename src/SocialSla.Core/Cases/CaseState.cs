using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Cases;

/// <summary>Everything the case machine keeps about one case between steps.</summary>
/// <remarks>Immutable: every step returns a new state. The timeline holds no text, so a state stays small.</remarks>
public sealed record CaseState
{
    /// <summary>The case's identity.</summary>
    public required CaseId Id { get; init; }

    /// <summary>The brand account.</summary>
    public required PlatformAccountId Account { get; init; }

    /// <summary>The channel.</summary>
    public required Channel Channel { get; init; }

    /// <summary>The highest priority of the case's customer messages.</summary>
    public Priority Priority { get; init; } = Priority.Normal;

    /// <summary>The terms chosen by the policy for the current facts.</summary>
    public required SlaTerms Terms { get; init; }

    /// <summary>The case's dated facts, sorted.</summary>
    public TimelineEntry[] Timeline { get; init; } = [];

    /// <summary>Thresholds whose alert was raised; never raised again.</summary>
    public AlertKey[] Fired { get; init; } = [];

    /// <summary>What the case contributes to KPIs as last recorded.</summary>
    public CaseKpiContribution Contribution { get; init; } = CaseKpiContribution.None;

    /// <summary>The hour the contribution was recorded under, once recorded.</summary>
    public Instant? ContributionHour { get; init; }

    /// <summary>The priority the contribution was recorded under.</summary>
    public Priority ContributionPriority { get; init; } = Priority.Normal;

    /// <summary>The routing queue the contribution was recorded under.</summary>
    public string? ContributionQueue { get; init; }

    /// <summary>The routing tag set (<see cref="KpiKey.Tags"/>) the contribution was recorded under.</summary>
    public string? ContributionTags { get; init; }

    /// <summary>The key the contribution was recorded under, once recorded.</summary>
    public KpiKey? ContributionKey => ContributionHour is { } hour
        ? new KpiKey(Account, Channel, ContributionPriority, hour) { Queue = ContributionQueue, Tags = ContributionTags }
        : null;

    /// <summary>The status after the last step.</summary>
    public CaseStatus Status { get; init; } = CaseStatus.NotOpened;

    /// <summary>When the case was resolved (the resolution moment, not where resolution time ends), while resolved.</summary>
    public Instant? ClosedAt { get; init; }

    /// <summary>When the last event was applied (host time, not event time).</summary>
    public Instant? TouchedAt { get; init; }

    /// <summary>The wake-up last requested from the host.</summary>
    public Instant? NextWakeUp { get; init; }

    /// <summary>The customer's handle.</summary>
    public string? CustomerHandle { get; init; }

    /// <summary>A link to the customer's first message.</summary>
    public string? Link { get; init; }

    /// <summary>The start of the customer's first message (empty when the host keeps no text).</summary>
    public string Excerpt { get; init; } = "";

    /// <summary>The routing tags triage gave the case's customer messages (billing, shipping, outage, …), in the order
    /// they first appeared, without repeats; empty without triage or when no rule applied.</summary>
    public string[] Tags { get; init; } = [];

    /// <summary>The queue the case goes to: the first queue a routing rule named for one of its customer messages,
    /// else triage's default queue; <see langword="null"/> without triage.</summary>
    public string? Queue { get; init; }

    /// <summary>The sentiment of the case's first and latest non-noise customer messages of a known language, as
    /// triage read them (nothing seen without triage).</summary>
    public Triage.CaseSentimentTrack Sentiment { get; init; }

    /// <summary>The facts the policy looks at.</summary>
    public CaseFacts Facts => new(Account, Channel, Priority);
}
