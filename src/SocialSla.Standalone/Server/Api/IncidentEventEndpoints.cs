using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/incidents?status=all|pending|delivered|failed&amp;limit=</c>: PagerDuty's acknowledge and resolve
/// events (<c>id</c> = <c>dedupKey/acknowledge</c> or <c>dedupKey/resolve</c>), newest first, with their delivery;
/// a failed one goes back to the outbox with <c>POST /api/alerts/{id}/retry</c>.</summary>
internal static class IncidentEventEndpoints
{
    public static void MapIncidentEventEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/incidents", List);

    private static IResult List(SqliteDatabase database, string? status, int? limit)
    {
        if (status is not (null or "all" or "pending" or "delivered" or "failed"))
            return ApiResults.Error(StatusCodes.Status400BadRequest, "status must be all, pending, delivered or failed");
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, sink, kind, incident, status, attempts, delivered_at, last_error FROM incident_events
            WHERE kind IN ('acknowledge', 'resolve') {(status is null or "all" ? "" : "AND status = $status")}
            ORDER BY next_attempt DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$status", status ?? "all");
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit ?? 200, 1, 1000));
        var rows = new List<(string Id, string Sink, string Kind, string Incident, string Status, int Attempts, long? DeliveredAt, string? Error)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("incidents");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", row.Id);
                json.WriteString("sink", row.Sink);
                json.WriteString("action", row.Kind);
                json.WriteString("dedupKey", row.Incident);
                json.WriteString("status", row.Status);
                json.WriteNumber("attempts", row.Attempts);
                if (row.DeliveredAt is { } at) json.WriteString("deliveredAt", ApiTime.Format(at));
                if (row.Error is not null) json.WriteString("lastError", row.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
