using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>One message of a storm's grouped incident to one recipient: the group opened, its rolling count updated,
/// or the storm over with the final count.</summary>
/// <param name="GroupId">The group's identity, the same in every message of the group (receivers fold on it).</param>
/// <param name="Action"><see cref="StormAction.OpenGroup"/>, <see cref="StormAction.UpdateGroup"/> or <see cref="StormAction.CloseGroup"/>.</param>
/// <param name="Recipient">The sink the group is for.</param>
/// <param name="Account">The brand account in a storm.</param>
/// <param name="Level">The alert kind of the group.</param>
/// <param name="Count">Alerts in the group so far (all of them; <paramref name="Cases"/> lists the first ones).</param>
/// <param name="Cases">The group's cases, at most <see cref="StormOptions.ListedCases"/>.</param>
/// <param name="StartedAt">When the group's first alert was raised.</param>
/// <param name="At">When this message was decided.</param>
public sealed record StormIncident(string GroupId, StormAction Action, string Recipient, PlatformAccountId Account, AlertKind Level,
    int Count, IReadOnlyList<CaseId> Cases, Instant StartedAt, Instant At)
{
    /// <summary>The message of a decision that sends one.</summary>
    /// <exception cref="ArgumentException">The decision sends nothing grouped (<see cref="StormAction.Deliver"/> or <see cref="StormAction.Fold"/>).</exception>
    public static StormIncident From(StormDecision decision, Instant at)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Action is not (StormAction.OpenGroup or StormAction.UpdateGroup or StormAction.CloseGroup) || decision.GroupId is null || decision.StartedAt is null)
            throw new ArgumentException($"A {decision.Action} decision sends no grouped incident.", nameof(decision));
        return new StormIncident(decision.GroupId, decision.Action, decision.Key.Recipient, decision.Key.Account, decision.Key.Level,
            decision.Count, decision.Cases, decision.StartedAt.Value, at);
    }

    /// <summary>This message's own identity (what a signed webhook's <c>webhook-id</c> carries):
    /// <c>group/opened</c>, <c>group/COUNT</c> for an update (the count grows between updates), <c>group/closed</c>.</summary>
    public string MessageId => Action switch
    {
        StormAction.OpenGroup => $"{GroupId}/opened",
        StormAction.CloseGroup => $"{GroupId}/closed",
        _ => $"{GroupId}/{Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    };

    /// <summary>The wire name of <see cref="Action"/>: <c>opened</c>, <c>updated</c> or <c>closed</c>.</summary>
    public string EventName => Action switch
    {
        StormAction.OpenGroup => "opened",
        StormAction.CloseGroup => "closed",
        _ => "updated",
    };

    /// <summary>One line for people, e.g. "Storm: 500 breached alerts on x:ContosoCoffee" or "Storm over: …".</summary>
    public string Title
    {
        get
        {
            var level = Level switch
            {
                AlertKind.Warning => "warning",
                AlertKind.AtRisk => "at-risk",
                AlertKind.Breached => "breached",
                AlertKind.ReplyWindowClosing => "reply-window",
                _ => SlaAlertJson.KindName(Level),
            };
            var count = Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Action == StormAction.CloseGroup
                ? $"Storm over: {count} {level} alerts on {Account}"
                : $"Storm: {count} {level} alerts on {Account}";
        }
    }

    /// <summary>How many alerts the list leaves out.</summary>
    public int Unlisted => Math.Max(0, Count - Cases.Count);
}
