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

/// <summary><c>GET /api/cases</c> (filters: <c>state</c>, <c>account</c>, <c>channel</c>, <c>priority</c>, <c>from</c>,
/// <c>to</c> on the opening instant, <c>limit</c>), <c>GET /api/cases.csv</c> (the same filters, every state by
/// default), <c>GET /api/cases/{id}</c> and <c>POST /api/cases/{id}/resolve</c>. Case ids
/// contain <c>:</c> and may contain <c>#</c> or <c>/</c>: send them URL-encoded.</summary>
internal static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases", List);
        app.MapGet("/api/cases.csv", Csv);
        app.MapGet("/api/cases/{**id}", Get);
        app.MapPost("/api/cases/{**path}", Resolve);
    }

    private static IResult List(SqliteDatabase database, ServerSettings settings, CaseStateCache cache, TimeProvider time, string? state, string? account, string? channel, string? priority, string? from, string? to, int? limit)
    {
        if (!CaseListQuery.TryParse(state, account, channel, priority, from, to, limit, "open", out var query, out var error)) return error!;
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        List<CaseSummary> cases;
        using (var connection = database.Open()) cases = new CaseListing(settings, cache).Read(connection, query, now);
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("now", ApiTime.Format(now));
            json.WriteStartArray("cases");
            foreach (var summary in cases)
            {
                json.WriteStartObject();
                CaseSummaryJson.WriteFields(json, summary, now);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static IResult Csv(SqliteDatabase database, ServerSettings settings, CaseStateCache cache, TimeProvider time, string? state, string? account, string? channel, string? priority, string? from, string? to, int? limit)
    {
        if (!CaseListQuery.TryParse(state, account, channel, priority, from, to, limit ?? CaseListQuery.MaxLimit, "all", out var query, out var error)) return error!;
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        List<CaseSummary> cases;
        using (var connection = database.Open()) cases = new CaseListing(settings, cache).Read(connection, query, now);
        string At(Instant? at) => at is { } a ? ApiTime.Format(a) : "";
        return new CsvBody("cases.csv", CsvColumns, cases.Select(c => (IReadOnlyList<string>)
        [
            c.Id, c.Account, c.Channel, c.Priority, c.Status, At(c.OpenedAt), At(c.ClosedAt), At(c.NextThresholdAt),
            c.NextThreshold is { } level ? AlertId.LevelName(level) : "", CaseSummaryJson.UrgencyName(c.Urgency), CsvBody.Text(c.CustomerHandle),
            CsvBody.Number(c.Sentiment.Score), c.Sentiment.Label.ToString().ToLowerInvariant(), CsvBody.Text(string.Join(' ', c.Tags)),
            string.Join(' ', CaseSummaryJson.ReasonNames(c.PriorityReasons)), CsvBody.Text(c.Excerpt), c.Link ?? "",
        ]));
    }

    /// <summary>The columns of <c>GET /api/cases.csv</c>; tags and priority reasons are space-separated.</summary>
    internal static readonly string[] CsvColumns =
    [
        "id", "account", "channel", "priority", "status", "openedAt", "closedAt", "nextThresholdAt", "nextThreshold", "urgency",
        "customerHandle", "sentimentScore", "sentiment", "tags", "priorityReasons", "excerpt", "link",
    ];

    private static IResult Get(string id, SqliteDatabase database, ServerSettings settings, CaseStateCache cache, TimeProvider time)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        using var connection = database.Open();
        var row = ReadCase(connection, id);
        if (row is null) return ApiResults.Error(StatusCodes.Status404NotFound, $"no case '{id}'");
        var state = CaseStateJson.Read(row.State, settings.Policy);
        var clocks = CaseSummary.ClocksAt(state, settings.Policy, now);
        var summary = new CaseListing(settings, cache).Summarize(row.Id, row.State, now);
        var messages = ReadMessages(connection, id);
        var alerts = AlertEndpoints.ReadAlerts(connection, "a.case_id = $id", ("$id", id));
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            CaseSummaryJson.WriteFields(json, summary, now);
            json.WriteStartArray("clocks");
            foreach (var clock in clocks) CaseSummaryJson.WriteClock(json, clock);
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
            reply = await engine.SubmitAsync(new ResolveCaseRequest(caseId, context.Caller().Name, context.Caller().Role.Name()), cancellationToken);
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
