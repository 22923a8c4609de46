using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/audit?action=acknowledge|resolve|erase&amp;before=SEQ&amp;limit=N</c> (an admin token): the audit
/// log, newest first; <c>before</c> pages back from an entry's <c>seq</c>.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/audit", List);

    private static IResult List(HttpContext context, SqliteDatabase database, string? action, long? before, int? limit)
    {
        var caller = context.Caller();
        if (caller.Role < ApiRole.Admin)
            return ApiResults.Error(StatusCodes.Status403Forbidden, $"the token '{caller.Name}' may not read the audit log; it needs an admin token");
        if (action is not (null or "acknowledge" or "resolve" or "erase"))
            return ApiResults.Error(StatusCodes.Status400BadRequest, "action must be acknowledge, resolve or erase");
        if (limit is < 1 or > 1000) return ApiResults.Error(StatusCodes.Status400BadRequest, "limit must be from 1 to 1000");
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, at, actor, role, action, target, detail FROM audit
            WHERE ($action IS NULL OR action = $action) AND ($before IS NULL OR seq < $before)
            ORDER BY seq DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$action", (object?)action ?? DBNull.Value);
        command.Parameters.AddWithValue("$before", (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit ?? 200);
        var entries = new List<(long Seq, long At, string Actor, string Role, string Action, string Target, string? Detail)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                entries.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteNumber("seq", entry.Seq);
                json.WriteString("at", ApiTime.Format(entry.At));
                json.WriteString("actor", entry.Actor);
                json.WriteString("role", entry.Role);
                json.WriteString("action", entry.Action);
                json.WriteString("target", entry.Target);
                if (entry.Detail is not null)
                {
                    json.WritePropertyName("detail");
                    json.WriteRawValue(entry.Detail);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
