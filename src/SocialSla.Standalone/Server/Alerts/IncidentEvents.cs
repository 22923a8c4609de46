using Microsoft.Data.Sqlite;
using SocialSla.Core.Alerts;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Queues PagerDuty acknowledge and resolve events in the <c>incident_events</c> outbox, for each PagerDuty
/// sink that was sent (or is about to be sent) a trigger for the incident: at most one of each per incident and sink,
/// and no acknowledge once it is resolved.</summary>
internal static class IncidentEvents
{
    /// <summary>The statement; its parameters come from <see cref="Parameters"/>.</summary>
    /// <remarks>The incident's alerts have ids <c>dedupKey/level</c>: the range reads them off the primary key. A
    /// trigger still to be sent (pending, not an escalation that may be voided) counts; a grouped or skipped one
    /// opened no incident.</remarks>
    public const string Sql = """
        INSERT OR IGNORE INTO incident_events(id, sink, kind, incident, body, status, next_attempt)
        SELECT $key || '/' || $kind, d.sink, $kind, $key, x'', 'pending', $now FROM deliveries d
        WHERE d.alert_id > $key || '/' AND d.alert_id < $key || '0'
          AND d.sink IN (SELECT value FROM json_each($sinks))
          AND (d.status = 'delivered' OR (d.status = 'pending' AND d.unless_acked = 0))
          AND ($kind = 'resolve' OR NOT EXISTS (SELECT 1 FROM incident_events r WHERE r.incident = $key AND r.sink = d.sink AND r.kind = 'resolve'))
        GROUP BY d.sink
        """;

    /// <summary>The alerts of a case that went (or are going) to a PagerDuty sink: <c>$case</c>, <c>$sinks</c>.</summary>
    public const string PagedAlertsSql = """
        SELECT DISTINCT d.alert_id FROM deliveries d
        WHERE d.alert_id > $case || '/' AND d.alert_id < $case || '0'
          AND d.sink IN (SELECT value FROM json_each($sinks))
          AND (d.status = 'delivered' OR (d.status = 'pending' AND d.unless_acked = 0))
        """;

    /// <summary>The parameters of <see cref="Sql"/>.</summary>
    public static (string Name, object? Value)[] Parameters(string dedupKey, PagerDutyAction action, IReadOnlyList<string> pagerDutySinks, long nowNanos) =>
    [
        ("$key", dedupKey),
        ("$kind", action == PagerDutyAction.Acknowledge ? "acknowledge" : "resolve"),
        ("$now", nowNanos),
        ("$sinks", Sinks(pagerDutySinks)),
    ];

    /// <summary>The sink names as the JSON array the statements take.</summary>
    public static string Sinks(IReadOnlyList<string> pagerDutySinks) => System.Text.Json.JsonSerializer.Serialize(pagerDutySinks);

    /// <summary>Queues the event inside <paramref name="transaction"/>; returns how many sinks get it.</summary>
    public static int Enqueue(SqliteTransaction transaction, string dedupKey, PagerDutyAction action, IReadOnlyList<string> pagerDutySinks, long nowNanos)
    {
        if (pagerDutySinks.Count == 0) return 0;
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        foreach (var (name, value) in Parameters(dedupKey, action, pagerDutySinks, nowNanos)) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }
}
