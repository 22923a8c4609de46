using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Storage;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /api/cases</c>, <c>GET /api/cases/{id}</c> and <c>POST /api/cases/{id}/resolve</c>. Case ids
/// contain <c>:</c> and may contain <c>#</c> or <c>/</c>: send them URL-encoded.</summary>
internal static class CaseEndpoints
{
    private const int MaxList = 1000;

    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases", List);
        app.MapGet("/api/cases/{**id}", Get);
        app.MapPost("/api/cases/{**path}", Resolve);
    }

    private static IResult List(HttpContext context, SqliteDatabase database, TimeProvider time, string? state, string? account, int? limit)
    {
        var statuses = (state ?? "open") switch
        {
            "open" => new[] { "open" },
            "resolved" => ["resolved"],
            "closed" => ["closed"],
            "all" => ["open", "resolved", "closed", "notOpened"],
            _ => null,
        };
        if (statuses is null) return ApiResults.Error(StatusCodes.Status400BadRequest, "state must be open, resolved, closed or all");
        var take = Math.Clamp(limit ?? 200, 1, MaxList);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, account, channel, priority, status, opened_at, next_threshold, state FROM cases
            WHERE status IN ({string.Join(", ", statuses.Select((_, i) => $"$s{i}"))}) {(account is null ? "" : "AND account = $account")}
            ORDER BY next_threshold IS NULL, next_threshold, opened_at LIMIT $limit
            """;
        for (var i = 0; i < statuses.Length; i++) command.Parameters.AddWithValue($"$s{i}", statuses[i]);
        if (account is not null) command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$limit", take);
        var rows = new List<CaseRow>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(new CaseRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), (byte[])reader[7]));
            }
        }
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("now", ApiTime.Format(now));
            json.WriteStartArray("cases");
            foreach (var row in rows) WriteSummary(json, row, now);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static IResult Get(string id, SqliteDatabase database, ServerSettings settings, TimeProvider time)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        using var connection = database.Open();
        var row = ReadCase(connection, id);
        if (row is null) return ApiResults.Error(StatusCodes.Status404NotFound, $"no case '{id}'");
        var state = CaseStateJson.Read(row.State, settings.Policy);
        var clocks = row.Status is "open" or "notOpened" ? CaseClocks.Describe(state, settings.Policy, now) : CaseClocks.Describe(state, settings.Policy, state.ClosedAt ?? now);
        var messages = ReadMessages(connection, id);
        var alerts = AlertEndpoints.ReadAlerts(connection, "a.case_id = $id", ("$id", id));
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            WriteSummaryFields(json, row, now);
            json.WriteStartArray("clocks");
            foreach (var clock in clocks)
            {
                json.WriteStartObject();
                json.WriteString("clock", AlertId.ClockName(clock.Kind));
                json.WriteNumber("sequence", clock.Sequence);
                json.WriteString("state", clock.State.ToString().ToLowerInvariant());
                json.WriteString("startedAt", ApiTime.Format(clock.StartedAt));
                if (clock.StoppedAt is { } stopped) json.WriteString("stoppedAt", ApiTime.Format(stopped));
                json.WriteNumber("targetSeconds", clock.Target.TotalSeconds);
                if (clock.DueAt is { } due) json.WriteString("dueAt", ApiTime.Format(due));
                json.WriteNumber("elapsedSeconds", Math.Round(clock.Elapsed.TotalSeconds, 3));
                if (clock.NextThreshold is { } level) json.WriteString("nextThreshold", AlertId.LevelName(level));
                if (clock.NextThresholdAt is { } at) json.WriteString("nextThresholdAt", ApiTime.Format(at));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("messages");
            foreach (var message in messages) message(json);
            json.WriteEndArray();
            json.WriteStartArray("alerts");
            foreach (var alert in alerts) alert(json);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static async Task<IResult> Resolve(string path, HttpContext context, PipelineEngine engine, CancellationToken cancellationToken)
    {
        const string suffix = "/resolve";
        if (!path.EndsWith(suffix, StringComparison.Ordinal)) return ApiResults.Error(StatusCodes.Status404NotFound, "no such route (POST /api/cases/{id}/resolve)");
        var id = path[..^suffix.Length];
        if (!CaseId.TryParse(id, out var caseId)) return ApiResults.Error(StatusCodes.Status404NotFound, $"no case '{id}'");
        EngineReply reply;
        try
        {
            reply = await engine.SubmitAsync(new ResolveCaseRequest(caseId, context.Caller().Name), cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
        return reply switch
        {
            EngineReply.Done => new JsonBody(json =>
            {
                json.WriteStartObject();
                json.WriteString("case", id);
                json.WriteString("resolvedBy", context.Caller().Name);
                json.WriteEndObject();
            }),
            _ => ApiResults.Error(StatusCodes.Status404NotFound, $"no open case '{id}'"),
        };
    }

    private sealed record CaseRow(string Id, string Account, string Channel, string Priority, string Status, long? OpenedAt, long? NextThreshold, byte[] State);

    private static CaseRow? ReadCase(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, account, channel, priority, status, opened_at, next_threshold, state FROM cases WHERE id = $id AND status <> 'merged'";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new CaseRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), (byte[])reader[7]);
    }

    private static void WriteSummary(Utf8JsonWriter json, CaseRow row, Instant now)
    {
        json.WriteStartObject();
        WriteSummaryFields(json, row, now);
        json.WriteEndObject();
    }

    private static void WriteSummaryFields(Utf8JsonWriter json, CaseRow row, Instant now)
    {
        json.WriteString("id", row.Id);
        json.WriteString("account", row.Account);
        json.WriteString("channel", row.Channel);
        json.WriteString("priority", row.Priority);
        json.WriteString("status", row.Status);
        if (row.OpenedAt is { } opened) json.WriteString("openedAt", ApiTime.Format(opened));
        if (row.NextThreshold is { } next)
        {
            json.WriteString("nextThresholdAt", ApiTime.Format(next));
            json.WriteNumber("secondsToNextThreshold", Math.Round((InstantNanos.FromNanos(next) - now).TotalSeconds, 3));
        }
        using var state = JsonDocument.Parse(row.State);
        if (state.RootElement.TryGetProperty("handle", out var handle)) json.WriteString("customerHandle", handle.GetString());
        if (state.RootElement.TryGetProperty("link", out var link)) json.WriteString("link", link.GetString());
        json.WriteString("excerpt", state.RootElement.GetProperty("excerpt").GetString());
        // Routing (triage): the case's tags and queue; an empty list and null without triage.
        json.WriteStartArray("tags");
        if (state.RootElement.TryGetProperty("tags", out var tags))
            foreach (var tag in tags.EnumerateArray()) json.WriteStringValue(tag.GetString());
        json.WriteEndArray();
        if (state.RootElement.TryGetProperty("queue", out var queue)) json.WriteString("queue", queue.GetString());
        else json.WriteNull("queue");
        // Sentiment (triage): the first and latest customer message's label and the score change between them.
        if (state.RootElement.TryGetProperty("sentiment", out var sentiment))
        {
            json.WriteStartObject("sentiment");
            json.WriteString("first", ((Core.Triage.SentimentLabel)sentiment[1].GetInt32()).ToString().ToLowerInvariant());
            json.WriteString("last", ((Core.Triage.SentimentLabel)sentiment[3].GetInt32()).ToString().ToLowerInvariant());
            json.WriteNumber("scoreChange", Math.Round(sentiment[2].GetDouble() - sentiment[0].GetDouble(), 3));
            json.WriteNumber("messages", sentiment[4].GetInt32());
            json.WriteEndObject();
        }
    }

    private static List<Action<Utf8JsonWriter>> ReadMessages(SqliteConnection connection, string caseId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, from_brand, author_id, handle, text, created_at, received_at, url, verb FROM messages WHERE case_id = $id ORDER BY created_at";
        command.Parameters.AddWithValue("$id", caseId);
        var messages = new List<Action<Utf8JsonWriter>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (id, brand, author, handle, text) = (reader.GetString(0), reader.GetInt64(1) == 1, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4));
            var (created, received, url, verb) = (reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8));
            messages.Add(json =>
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteBoolean("fromBrand", brand);
                json.WriteString("authorId", author);
                if (handle is not null) json.WriteString("handle", handle);
                json.WriteString("text", text);
                json.WriteString("createdAt", ApiTime.Format(created));
                json.WriteString("receivedAt", ApiTime.Format(received));
                if (url is not null) json.WriteString("url", url);
                if (verb != "add") json.WriteString("verb", verb);
                json.WriteEndObject();
            });
        }
        return messages;
    }
}
