using NodaTime;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Cases;

/// <summary>The order of the case list and the board: the case whose next threshold comes first on top, cases with no
/// running clock last, then by opening, then by id. The serve store sorts the same way in SQL (<c>ORDER BY
/// next_threshold IS NULL, next_threshold, opened_at, id</c>); hosts that hold cases in memory or in Table storage sort
/// here.</summary>
public static class CaseBoardOrder
{
    /// <summary>Cases listed when the caller names no limit.</summary>
    public const int DefaultLimit = 200;

    /// <summary>The limit a caller asked for, within 1 and <paramref name="maxLimit"/> (<see cref="DefaultLimit"/> when none).</summary>
    public static int Limit(int? requested, int maxLimit) => Math.Clamp(requested ?? DefaultLimit, 1, Math.Max(1, maxLimit));

    /// <summary>The first <paramref name="limit"/> cases of <paramref name="account"/> (every account when
    /// <see langword="null"/>) in board order, each with its next threshold instant judged at <paramref name="now"/>.</summary>
    public static IReadOnlyList<(CaseState State, Instant? NextThresholdAt)> Top(IEnumerable<CaseState> cases, string? account, SlaPolicy policy,
        Instant now, int limit)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(policy);
        return [.. cases
            .Where(c => account is null || c.Account.ToString() == account)
            .Select(c => (State: c, NextThresholdAt: CaseClocks.NextThresholdAt(c, policy, now)))
            .OrderBy(c => c.NextThresholdAt is null)
            .ThenBy(c => c.NextThresholdAt)
            .ThenBy(c => c.State.Timeline.Length == 0 ? (Instant?)null : c.State.Timeline[0].At)
            .ThenBy(c => c.State.Id.Value, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))];
    }
}
