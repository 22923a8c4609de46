using NodaTime;

namespace SocialSla.Core.Alerts.Escalation;

/// <summary>All deliveries an alert will ever need, decided when it is raised: its own level's sinks now, the next
/// level's after the ladder's wait unless acknowledged, each moved past its roster's quiet hours unless a breach.</summary>
/// <remarks>Deciding everything up front keeps the dispatcher a queue: it sends what is due and skips an escalation
/// whose alert was acknowledged in the meantime.</remarks>
public static class EscalationPlan
{
    /// <summary>The deliveries of <paramref name="alert"/>, at most one per sink, in configuration order.</summary>
    public static IReadOnlyList<PlannedDelivery> For(SlaAlert alert, IReadOnlyList<AlertRoute> routes, EscalationLadder ladder, IReadOnlyList<Roster> rosters)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(rosters);

        var planned = new List<PlannedDelivery>();
        var sinks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sink in AlertRoute.SinksFor(alert, routes))
        {
            if (sinks.Add(sink)) planned.Add(new PlannedDelivery(sink, OnDuty(sink, alert.RaisedAt, alert.Kind, rosters), false));
        }

        if (EscalationLadder.NextLevel(alert.Kind) is { } next && ladder.Waits.TryGetValue(alert.Kind, out var wait))
        {
            var due = alert.RaisedAt + wait;
            foreach (var sink in AlertRoute.SinksFor(alert with { Kind = next }, routes))
            {
                if (sinks.Add(sink)) planned.Add(new PlannedDelivery(sink, OnDuty(sink, due, alert.Kind, rosters), true));
            }
        }
        return planned;
    }

    /// <summary>The first instant at or after <paramref name="at"/> when every roster of <paramref name="sink"/> is on
    /// duty; <paramref name="at"/> itself for a breach.</summary>
    private static Instant OnDuty(string sink, Instant at, AlertKind level, IReadOnlyList<Roster> rosters)
    {
        if (level == AlertKind.Breached) return at;
        var result = at;
        foreach (var roster in rosters)
        {
            if (!roster.Sinks.Contains(sink) || roster.OnDuty.IsOpen(result)) continue;
            // The first open nanosecond after a closed instant: one nanosecond of open time, less that nanosecond.
            result = roster.OnDuty.AddBusinessTime(result, Duration.Epsilon) - Duration.Epsilon;
        }
        return result;
    }
}
