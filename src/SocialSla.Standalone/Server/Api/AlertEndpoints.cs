using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/alerts</c>, <c>POST /api/alerts/{id}/ack</c> (also acknowledges the PagerDuty incident of the
/// alert's case and clock) and <c>POST /api/alerts/{id}/retry</c> (failed deliveries back to the outbox; a storm's
/// message or group id retries its failed messages). Alert ids contain <c>/</c>: send them
/// URL-encoded or as they are; the route takes the rest of the path.</summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", List);
        app.MapPost("/api/alerts/{**path}", (string path, HttpContext context, SqliteDatabase database, TimeProvider time, AlertDispatcher dispatcher, ServerSettings settings) =>
            path.EndsWith("/retry", StringComparison.Ordinal) ? Retry(path[..^"/retry".Length], database, time, dispatcher)
            : Acknowledge(path, context, database, time, dispatcher, settings));
    }

    private static IResult List(SqliteDatabase database, string? status, string? account, int? limit)
    {
        var filter = status switch
        {
            null or "all" => "1 = 1",
            "unacknowledged" => "a.acked_at IS NULL",
            "acknowledged" => "a.acked_at IS NOT NULL",
            "failed" => "EXISTS (SELECT 1 FROM deliveries f WHERE f.alert_id = a.id AND f.status = 'failed')",
            "pending" => "EXISTS (SELECT 1 FROM deliveries f WHERE f.alert_id = a.id AND f.status = 'pending')",
            _ => null,
        };
        if (filter is null) return ApiResults.Error(StatusCodes.Status400BadRequest, "status must be all, unacknowledged, acknowledged, pending or failed");
        var parameters = new List<(string, object?)> { ("$limit", Math.Clamp(limit ?? 200, 1, 1000)) };
        if (account is not null)
        {
            filter += " AND a.account = $account";
            parameters.Add(("$account", account));
        }
        using var connection = database.Open();
        var alerts = ReadAlerts(connection, filter + " ORDER BY a.raised_at DESC LIMIT $limit", [.. parameters]);
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("alerts");
            foreach (var alert in alerts) alert(json);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static IResult Acknowledge(string path, HttpContext context, SqliteDatabase database, TimeProvider time, AlertDispatcher dispatcher, ServerSettings settings)
    {
        const string suffix = "/ack";
        if (!path.EndsWith(suffix, StringComparison.Ordinal)) return ApiResults.Error(StatusCodes.Status404NotFound, "no such route (POST /api/alerts/{id}/ack)");
        var id = path[..^suffix.Length];
        var caller = context.Caller();
        var by = caller.Name;
        var at = Instant.FromDateTimeOffset(time.GetUtcNow());
        var now = InstantNanos.ToNanos(at);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true); // deferred: takes the write lock of the state file only
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Acknowledging twice keeps the first acknowledgement.
        command.CommandText = "UPDATE alerts SET acked_at = coalesce(acked_at, $now), acked_by = coalesce(acked_by, $by) WHERE id = $id RETURNING acked_at, acked_by";
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$by", by);
        command.Parameters.AddWithValue("$id", id);
        long ackedAt;
        string ackedBy;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read()) return ApiResults.Error(StatusCodes.Status404NotFound, $"no alert '{id}'");
            (ackedAt, ackedBy) = (reader.GetInt64(0), reader.GetString(1));
        }
        // Every acknowledgement is audited, also one that finds the alert already acknowledged (first: false).
        var first = ackedAt == now && ackedBy == by;
        AuditLog.Record(connection, transaction, new AuditEntry(at, by, caller.Role.Name(), "acknowledge", id, first ? """{"first":true}""" : """{"first":false}"""));
        var paged = settings.PagerDutySinks.Count > 0 && AlertId.TryParse(id, out var alertId)
            && IncidentEvents.Enqueue(transaction, PagerDutyEventPayload.DedupKey(alertId), PagerDutyAction.Acknowledge, settings.PagerDutySinks, now) > 0;
        transaction.Commit();
        if (paged) dispatcher.Wake();
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("alert", id);
            json.WriteString("acknowledgedAt", ApiTime.Format(ackedAt));
            json.WriteString("acknowledgedBy", ackedBy);
            json.WriteEndObject();
        });
    }

    /// <summary>Puts an alert's failed (dead-lettered) deliveries back in the outbox, attempts counted from zero.</summary>
    private static IResult Retry(string id, SqliteDatabase database, TimeProvider time, AlertDispatcher dispatcher)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // An alert's deliveries, or a storm's messages (by message or group id).
        command.CommandText = """
            UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt = $now WHERE alert_id = $id AND status = 'failed';
            UPDATE incident_events SET status = 'pending', attempts = 0, next_attempt = $now WHERE (id = $id OR incident = $id) AND status = 'failed';
            """;
        command.Parameters.AddWithValue("$now", InstantNanos.ToNanos(Instant.FromDateTimeOffset(time.GetUtcNow())));
        command.Parameters.AddWithValue("$id", id);
        var retried = command.ExecuteNonQuery();
        if (retried == 0)
        {
            using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT 1 FROM alerts WHERE id = $id UNION ALL SELECT 1 FROM incident_events WHERE id = $id OR incident = $id";
            exists.Parameters.AddWithValue("$id", id);
            if (exists.ExecuteScalar() is null) return ApiResults.Error(StatusCodes.Status404NotFound, $"no alert '{id}'");
        }
        dispatcher.Wake();
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("alert", id);
            json.WriteNumber("deliveriesRetried", retried);
            json.WriteEndObject();
        });
    }

    /// <summary>Alerts matching a SQL condition on <c>alerts a</c>, each with its deliveries, as writers.</summary>
    internal static List<Action<Utf8JsonWriter>> ReadAlerts(SqliteConnection connection, string condition, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT a.id, a.body, a.acked_at, a.acked_by FROM alerts a WHERE {condition}";
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var rows = new List<(string Id, byte[] Body, long? AckedAt, string? AckedBy)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add((reader.GetString(0), (byte[])reader[1], reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        var result = new List<Action<Utf8JsonWriter>>(rows.Count);
        foreach (var row in rows)
        {
            var deliveries = ReadDeliveries(connection, row.Id);
            result.Add(json =>
            {
                json.WriteStartObject();
                using (var body = JsonDocument.Parse(row.Body))
                {
                    foreach (var property in body.RootElement.EnumerateObject()) property.WriteTo(json);
                }
                if (row.AckedAt is { } acked)
                {
                    json.WriteString("acknowledgedAt", ApiTime.Format(acked));
                    json.WriteString("acknowledgedBy", row.AckedBy);
                }
                json.WriteStartArray("deliveries");
                foreach (var (sink, status, attempts, deliveredAt, error, group) in deliveries)
                {
                    json.WriteStartObject();
                    json.WriteString("sink", sink);
                    json.WriteString("status", status);
                    if (group is not null) json.WriteString("group", group);
                    json.WriteNumber("attempts", attempts);
                    if (deliveredAt is { } at) json.WriteString("deliveredAt", ApiTime.Format(at));
                    if (error is not null) json.WriteString("lastError", error);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            });
        }
        return result;
    }

    private static List<(string Sink, string Status, int Attempts, long? DeliveredAt, string? Error, string? Group)> ReadDeliveries(SqliteConnection connection, string alertId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sink, status, attempts, delivered_at, last_error, group_id FROM deliveries WHERE alert_id = $id ORDER BY sink";
        command.Parameters.AddWithValue("$id", alertId);
        var deliveries = new List<(string, string, int, long?, string?, string?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            deliveries.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return deliveries;
    }
}
