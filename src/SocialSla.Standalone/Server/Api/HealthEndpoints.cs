using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SocialSla.Standalone.Pulls;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /healthz</c>: no token needed, no secrets or message text; 200 when every component works, 503
/// with the failing component named otherwise.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/healthz", Get);

    private static IResult Get(SqliteDatabase database, PipelineEngine engine, AlertDispatcher dispatcher, TimeProvider time, IServiceProvider services)
    {
        string storage;
        long inboxEnd = 0, pendingDeliveries = 0, failedDeliveries = 0;
        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT coalesce(max(seq), 0) FROM inbox),
                       (SELECT count(*) FROM deliveries WHERE status = 'pending'),
                       (SELECT count(*) FROM deliveries WHERE status = 'failed')
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            (inboxEnd, pendingDeliveries, failedDeliveries) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            storage = "ok";
        }
        catch (SqliteException e)
        {
            storage = $"failing: SQLite error {e.SqliteErrorCode}";
        }
        var status = engine.Status;
        var pulls = services.GetService<PullWorker>()?.Status ?? [];
        var healthy = storage == "ok";
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", healthy ? "ok" : "degraded");
            json.WriteString("now", ApiTime.Format(Instant.FromDateTimeOffset(time.GetUtcNow())));
            json.WriteStartObject("components");
            json.WriteString("storage", storage);
            json.WriteStartObject("engine");
            json.WriteNumber("processedSeq", status.ProcessedSeq);
            json.WriteNumber("inboxLag", Math.Max(0, inboxEnd - status.ProcessedSeq));
            json.WriteNumber("batches", status.Batches);
            json.WriteNumber("alertsRaised", status.AlertsRaised);
            if (status.NextWakeUp is { } next) json.WriteString("nextWakeUp", ApiTime.Format(next));
            json.WriteEndObject();
            json.WriteStartObject("alerts");
            json.WriteNumber("delivered", dispatcher.Delivered);
            json.WriteNumber("pending", pendingDeliveries);
            json.WriteNumber("failed", failedDeliveries);
            json.WriteEndObject();
            json.WriteStartObject("pulls");
            foreach (var pull in pulls)
            {
                json.WriteStartObject(pull.Source);
                json.WriteString("status", pull.ConsecutiveFailures == 0 ? "ok" : "backing off");
                json.WriteNumber("consecutiveFailures", pull.ConsecutiveFailures);
                if (pull.LastSuccess is { } success) json.WriteString("lastSuccess", ApiTime.Format(success));
                if (pull.LastError is { } error) json.WriteString("lastError", error);
                json.WriteString("nextAttempt", ApiTime.Format(pull.NextAttempt));
                json.WriteNumber("mentionsPulled", pull.MentionsPulled);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }, healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
