using SocialSla.Core.Mentions;

namespace SocialSla.Core.Alerts;

/// <summary>Which alerts one sink receives: the kinds (levels) and accounts it is configured for; an empty set means
/// all of them.</summary>
/// <param name="Sink">The sink's name.</param>
/// <param name="Kinds">The alert kinds it takes (e.g. only breaches for the on-call pager).</param>
/// <param name="Accounts">The brand accounts it takes (e.g. a team's channel for its own brands).</param>
public sealed record AlertRoute(string Sink, IReadOnlySet<AlertKind> Kinds, IReadOnlySet<PlatformAccountId> Accounts)
{
    /// <summary>Whether the sink takes <paramref name="alert"/>.</summary>
    public bool Takes(SlaAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Takes(alert.Kind, alert.Account);
    }

    /// <summary>Whether the sink takes alerts of <paramref name="kind"/> about <paramref name="account"/> (spike alerts,
    /// which have no case).</summary>
    public bool Takes(AlertKind kind, PlatformAccountId account) =>
        (Kinds.Count == 0 || Kinds.Contains(kind)) && (Accounts.Count == 0 || Accounts.Contains(account));

    /// <summary>The sinks, of <paramref name="routes"/>, that take <paramref name="alert"/>, in configuration order.</summary>
    public static IEnumerable<string> SinksFor(SlaAlert alert, IReadOnlyList<AlertRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes)
        {
            if (route.Takes(alert)) yield return route.Sink;
        }
    }

    /// <summary>Reads an alert kind by its wire name (<c>warning</c>, <c>atRisk</c>, <c>breached</c>,
    /// <c>replyWindowClosing</c>, <c>volumeSpike</c>, <c>negativeSurge</c>), ignoring case.</summary>
    public static bool TryParseKind(string? name, out AlertKind kind)
    {
        foreach (var candidate in Enum.GetValues<AlertKind>())
        {
            if (string.Equals(SlaAlertJson.KindName(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
