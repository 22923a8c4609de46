using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/storms?status=open|closed|failed|all&amp;account=</c>: storm control's grouped incidents, newest
/// first, each with its sink, account, level, rolling count, listed cases and the messages sent for it (status,
/// attempts, last error). The alerts folded into a group name it in their deliveries (<c>GET /api/alerts</c>).</summary>
internal static class StormEndpoints
{
    public static void MapStormEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/storms", List);

    private static IResult List(SqliteDatabase database, string? status, string? account, int? limit)
    {
        var filter = status switch
        {
            null or "all" => "1 = 1",
            "open" => "g.closed_at IS NULL",
            "closed" => "g.closed_at IS NOT NULL",
            "failed" => "EXISTS (SELECT 1 FROM incident_events e WHERE e.incident = g.id AND e.sink = g.sink AND e.status = 'failed')",
            _ => null,
        };
        if (filter is null) return ApiResults.Error(StatusCodes.Status400BadRequest, "status must be all, open, closed or failed");
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT g.id, g.sink, g.account, g.level, g.started_at, g.count, g.cases, g.updated_at, g.closed_at FROM storm_groups g
            WHERE {filter} {(account is null ? "" : "AND g.account = $account")} ORDER BY g.started_at DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit ?? 100, 1, 1000));
        if (account is not null) command.Parameters.AddWithValue("$account", account);
        var groups = new List<(string Id, string Sink, string Account, string Level, long StartedAt, int Count, string Cases, long UpdatedAt, long? ClosedAt)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                groups.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5),
                    reader.GetString(6), reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        }
        var messages = groups.ToDictionary(g => g.Id, g => ReadMessages(connection, g.Id, g.Sink), StringComparer.Ordinal);
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("storms");
            foreach (var group in groups)
            {
                json.WriteStartObject();
                json.WriteString("id", group.Id);
                json.WriteString("sink", group.Sink);
                json.WriteString("account", group.Account);
                json.WriteString("level", group.Level);
                json.WriteString("startedAt", ApiTime.Format(group.StartedAt));
                json.WriteString("updatedAt", ApiTime.Format(group.UpdatedAt));
                if (group.ClosedAt is { } closed) json.WriteString("closedAt", ApiTime.Format(closed));
                json.WriteNumber("count", group.Count);
                json.WritePropertyName("cases");
                using (var cases = JsonDocument.Parse(group.Cases)) cases.RootElement.WriteTo(json);
                json.WriteStartArray("messages");
                foreach (var (id, messageStatus, attempts, deliveredAt, error) in messages[group.Id])
                {
                    json.WriteStartObject();
                    json.WriteString("id", id);
                    json.WriteString("status", messageStatus);
                    json.WriteNumber("attempts", attempts);
                    if (deliveredAt is { } at) json.WriteString("deliveredAt", ApiTime.Format(at));
                    if (error is not null) json.WriteString("lastError", error);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static List<(string Id, string Status, int Attempts, long? DeliveredAt, string? Error)> ReadMessages(SqliteConnection connection, string group, string sink)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, attempts, delivered_at, last_error FROM incident_events WHERE incident = $group AND sink = $sink ORDER BY next_attempt, id";
        command.Parameters.AddWithValue("$group", group);
        command.Parameters.AddWithValue("$sink", sink);
        var messages = new List<(string, string, int, long?, string?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            messages.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return messages;
    }
}
