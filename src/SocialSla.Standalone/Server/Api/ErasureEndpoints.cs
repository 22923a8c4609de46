using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SocialSla.Core.Privacy;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>POST /api/erasures</c> with <c>{"platform":"x","authorId":"200334"}</c> (an admin token): erases
/// that customer's personal data (see <see cref="CustomerErasure"/>) once everything acknowledged before the request is
/// applied, and answers with what changed. KPIs are not touched. Repeating it is harmless (it finds nothing more).</summary>
internal static class ErasureEndpoints
{
    /// <summary>The largest request body read.</summary>
    private const int MaxBodyBytes = 4096;

    public static void MapErasureEndpoints(this IEndpointRouteBuilder app) => app.MapPost("/api/erasures", Erase);

    private static async Task<IResult> Erase(HttpContext context, SqliteDatabase database, PipelineEngine engine, IEnumerable<Alerts.IAlertSink> sinks, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        if (caller.Role < ApiRole.Admin)
            return ApiResults.Error(StatusCodes.Status403Forbidden, $"the token '{caller.Name}' may not erase personal data; erasure needs an admin token");
        if (!TryReadSubject(await ReadBodyAsync(context.Request, cancellationToken), out var subject, out var error))
            return ApiResults.Error(StatusCodes.Status400BadRequest, error);

        long inboxSeq;
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT coalesce(max(seq), 0) FROM inbox";
            inboxSeq = (long)command.ExecuteScalar()!;
        }
        var request = new EraseCustomerRequest(subject, caller.Name, caller.Role.Name(), inboxSeq);
        try
        {
            await engine.SubmitAsync(request, cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
        var outcome = request.Outcome!;
        // The server's own copies outside the database: the jsonl sink's files (receivers elsewhere keep what they got).
        var sinkLines = 0;
        try
        {
            foreach (var sink in sinks.OfType<Alerts.JsonlFileAlertSink>()) sinkLines += await sink.EraseAsync(outcome.Names, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ApiResults.Error(StatusCodes.Status500InternalServerError, "the database is erased, but an alert file could not be rewritten; repeat the request");
        }
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("platform", SocialSla.Core.Mentions.PlatformNames.ToWireName(subject.Platform));
            json.WriteString("authorId", subject.AuthorId);
            json.WriteNumber("messages", outcome.Messages);
            json.WriteNumber("cases", outcome.CasesChanged);
            json.WriteNumber("alerts", outcome.Alerts);
            json.WriteNumber("quotesRedacted", outcome.QuotesRedacted);
            json.WriteNumber("envelopes", outcome.Envelopes);
            json.WriteBoolean("logsTruncated", request.LogsTruncated);
            json.WriteNumber("alertFileLines", sinkLines);
            json.WriteString("erasedBy", caller.Name);
            json.WriteEndObject();
        });
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads <c>{"platform": …, "authorId": …}</c>; nothing else is allowed.</summary>
    internal static bool TryReadSubject(byte[]? body, out ErasureSubject subject, out string error)
    {
        subject = default;
        if (body is null)
        {
            error = $"the body is larger than {MaxBodyBytes} bytes";
            return false;
        }
        string? platform = null, author = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "the body must be a JSON object {\"platform\": \"x\", \"authorId\": \"…\"}";
                return false;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    error = $"'{property.Name}' must be a string";
                    return false;
                }
                switch (property.Name)
                {
                    case "platform": platform = property.Value.GetString(); break;
                    case "authorId": author = property.Value.GetString(); break;
                    default:
                        error = $"unknown member '{property.Name}' (expected platform and authorId)";
                        return false;
                }
            }
        }
        catch (JsonException)
        {
            error = "the body is not JSON: expected {\"platform\": \"x\", \"authorId\": \"…\"}";
            return false;
        }
        if (!ErasureSubject.TryCreate(platform, author, out subject, out var reason))
        {
            error = reason;
            return false;
        }
        error = "";
        return true;
    }
}
