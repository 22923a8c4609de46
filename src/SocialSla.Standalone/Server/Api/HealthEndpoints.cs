using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SocialSla.Core.Health;
using SocialSla.Standalone.Pulls;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server.Api;

/// <summary><c>GET /healthz</c>: no token needed, no secrets or message text. Says per component what works and what
/// does not: storage (can it be read; do the inbox's writes and the engine's commits succeed), the engine, each alert
/// sink, each pull source. 200 while webhooks are accepted (<c>ok</c>, or <c>degraded</c> when another component
/// fails), 503 when they are not (<c>failing</c>); <see cref="HealthVerdict"/> decides.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/healthz", Get);

    private static IResult Get(SqliteDatabase database, StorageHealth storageHealth, PipelineEngine engine, AlertDispatcher dispatcher, TimeProvider time, IServiceProvider services)
    {
        if (storageHealth.Inbox.IsFailing)
        {
            // No webhook may arrive to show that the inbox works again (a load balancer stops sending while this
            // answers 503): try a write of a delivery's size.
            try
            {
                database.ProbeInbox();
                storageHealth.InboxSucceeded();
            }
            catch (SqliteException e)
            {
                storageHealth.InboxFailed(e);
            }
        }
        string? readError = null;
        long inboxEnd = 0, pendingDeliveries = 0, failedDeliveries = 0;
        var bySink = new Dictionary<string, (long Pending, long Failed)>(StringComparer.Ordinal);
        try
        {
            using var connection = database.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT (SELECT coalesce(max(seq), 0) FROM inbox),
                           (SELECT count(*) FROM deliveries WHERE status = 'pending'),
                           (SELECT count(*) FROM deliveries WHERE status = 'failed')
                    """;
                using var reader = command.ExecuteReader();
                reader.Read();
                (inboxEnd, pendingDeliveries, failedDeliveries) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            }
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT sink, sum(status = 'pending'), sum(status = 'failed') FROM deliveries WHERE status IN ('pending', 'failed') GROUP BY sink";
                using var reader = command.ExecuteReader();
                while (reader.Read()) bySink[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }
        catch (SqliteException e)
        {
            readError = StorageHealth.ReasonOf(e);
        }
        var (inbox, state) = (storageHealth.Inbox, storageHealth.State);
        var status = engine.Status;
        var pulls = services.GetService<PullWorker>()?.Status ?? [];
        var sinks = dispatcher.Sinks;
        var storage = HealthVerdict.Storage(readError is null, inbox, state);
        var overall = HealthVerdict.Overall(readError is null, inbox, state, sinks.Count(s => s.Health.IsFailing), pulls.Count(p => p.ConsecutiveFailures > 0));
        return new JsonBody(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", HealthVerdict.Name(overall));
            json.WriteString("now", ApiTime.Format(Instant.FromDateTimeOffset(time.GetUtcNow())));
            json.WriteStartObject("components");
            json.WriteStartObject("storage");
            json.WriteString("status", HealthVerdict.Name(storage));
            if (readError is not null) json.WriteString("readError", readError);
            WriteHealth(json, "inbox", inbox);
            WriteHealth(json, "state", state);
            json.WriteEndObject();
            json.WriteStartObject("engine");
            json.WriteString("status", state.IsFailing ? "stalled" : "ok");
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
            json.WriteStartObject("sinks");
            foreach (var (name, health) in sinks)
            {
                var counts = bySink.GetValueOrDefault(name);
                json.WriteStartObject(name);
                json.WriteString("status", health.IsFailing ? "failing" : "ok");
                json.WriteNumber("pending", counts.Pending);
                json.WriteNumber("failed", counts.Failed);
                json.WriteNumber("consecutiveFailures", health.ConsecutiveFailures);
                if (health.FailingSince is { } since) json.WriteString("failingSince", ApiTime.Format(since));
                if (health.LastError is { } error) json.WriteString("lastError", error);
                json.WriteEndObject();
            }
            json.WriteEndObject();
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
        }, overall == ComponentHealth.Failing ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static void WriteHealth(System.Text.Json.Utf8JsonWriter json, string name, WriteHealth health)
    {
        json.WriteStartObject(name);
        json.WriteString("status", health.IsFailing ? "failing" : "ok");
        if (health.FailingSince is { } since) json.WriteString("failingSince", ApiTime.Format(since));
        if (health.LastError is { } error) json.WriteString("lastError", error);
        if (health.IsFailing) json.WriteNumber("consecutiveFailures", health.ConsecutiveFailures);
        json.WriteEndObject();
    }
}
