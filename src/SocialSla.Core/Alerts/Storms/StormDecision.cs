using NodaTime;
using SocialSla.Core.Cases;

namespace SocialSla.Core.Alerts.Storms;

/// <summary>What storm control decided for one recipient.</summary>
/// <param name="Action">What to send.</param>
/// <param name="Key">The recipient, account and level.</param>
/// <param name="GroupId">The group incident's identity (stable for its life: receivers update one incident with it),
/// or <see langword="null"/> for <see cref="StormAction.Deliver"/>.</param>
/// <param name="Count">Alerts in the group so far (0 for <see cref="StormAction.Deliver"/>).</param>
/// <param name="Cases">The group's cases, the first <see cref="StormOptions.ListedCases"/> of them.</param>
/// <param name="StartedAt">When the group's first alert was raised.</param>
public sealed record StormDecision(StormAction Action, StormKey Key, string? GroupId, int Count, IReadOnlyList<CaseId> Cases, Instant? StartedAt)
{
    /// <summary>Whether anything is sent.</summary>
    public bool Sends => Action != StormAction.Fold;
}
