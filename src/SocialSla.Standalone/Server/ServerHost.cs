using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialSla.Core.Alerts;
using SocialSla.Core.Alerts.Storms;
using SocialSla.Core.Spikes;
using SocialSla.Standalone.Pulls;
using SocialSla.Standalone.Server.Alerts;
using SocialSla.Standalone.Server.Api;
using SocialSla.Standalone.Server.Board;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Engine;
using SocialSla.Standalone.Server.Storage;

namespace SocialSla.Standalone.Server;

/// <summary>Builds the <c>socialsla serve</c> web application: DI wiring, the API token check and every route.</summary>
internal static class ServerHost
{
    public static WebApplication Build(ServerSettings settings, string urls, TimeProvider time, TextWriter output, LogLevel logLevel = LogLevel.Information,
        Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = settings.BaseDirectory,
            // No appsettings.json is read; a watch for it on the content root (the database's folder, usually) turned
            // every SQLite write into an inotify event for a watcher thread (about 5 % of the server's CPU under load).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // Its only logs are per-request lines (Information); while it is enabled at all, ASP.NET Core starts an
        // Activity and a log scope for every request. Unhandled exceptions are still logged by Kestrel.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var database = new SqliteDatabase(settings.DatabasePath, settings.StorageBusyTimeout);
        database.EnsureCreated();
        var storageHealth = new StorageHealth(time);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(storageHealth);
        builder.Services.AddSingleton<EnvelopeDecoder>();
        builder.Services.AddSingleton<WebhookRateLimiter>();
        builder.Services.AddSingleton<Observability.ServerMetrics>();
        builder.Services.AddSingleton<PipelineEngine>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PipelineEngine>());
        builder.Services.AddSingleton<DecodedEnvelopes>();
        builder.Services.AddSingleton<CaseStateCache>();
        builder.Services.AddSingleton(services => new InboxWriter(database, services.GetRequiredService<PipelineEngine>().Wake, services.GetRequiredService<DecodedEnvelopes>(), storageHealth));
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<IEnumerable<IAlertSink>>(services => CreateSinks(settings, time, output, services.GetRequiredService<IHttpClientFactory>()));
        builder.Services.AddSingleton<AlertDispatcher>();
        if (settings.Pulls.Count > 0)
        {
            builder.Services.AddSingleton(services => new PullWorker(settings.Pulls,
                new SqlitePullStore(database, time, services.GetRequiredService<PipelineEngine>().Wake, storageHealth), settings.Brands,
                PullHttpClient(services.GetRequiredService<IHttpClientFactory>()), time, services.GetRequiredService<ILogger<PullWorker>>()));
            builder.Services.AddHostedService(services => services.GetRequiredService<PullWorker>());
        }
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertDispatcher>());

        var app = builder.Build();
        var engine = app.Services.GetRequiredService<PipelineEngine>();
        var dispatcher = app.Services.GetRequiredService<AlertDispatcher>();
        engine.AlertsCommitted += dispatcher.Wake;
        engine.CasesErased += app.Services.GetRequiredService<CaseStateCache>().Forget;
        app.Services.GetRequiredService<Observability.ServerMetrics>().Observe(
            () => QueueLag(database, engine),
            () => OpenCases(database));

        app.Use(StorageFaultAnswers.Middleware);
        app.Use(ApiAuthentication.Middleware(settings.Tokens));
        app.MapHealthEndpoints();
        app.MapWebhookEndpoints();
        app.MapCaseEndpoints();
        app.MapAlertEndpoints();
        app.MapStormEndpoints();
        app.MapIncidentEventEndpoints();
        app.MapKpiEndpoints();
        app.MapMeEndpoints();
        app.MapErasureEndpoints();
        app.MapAuditEndpoints();
        app.MapBoardEndpoints();
        return app;
    }

    private static long QueueLag(SqliteDatabase database, PipelineEngine engine)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM inbox";
        return Math.Max(0, (long)command.ExecuteScalar()! - engine.Status.ProcessedSeq);
    }

    private static long OpenCases(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM cases WHERE status = 'open'";
        return (long)command.ExecuteScalar()!;
    }

    private static HttpClient PullHttpClient(IHttpClientFactory factory)
    {
        var client = factory.CreateClient("pulls");
        // Reddit refuses requests without a descriptive User-Agent.
        client.DefaultRequestHeaders.UserAgent.ParseAdd("socialsla/1.0 (+https://github.com/socialsla)");
        return client;
    }

    private static List<IAlertSink> CreateSinks(ServerSettings settings, TimeProvider time, TextWriter output, IHttpClientFactory http)
    {
        var sinks = new List<IAlertSink>(settings.Sinks.Count);
        for (var i = 0; i < settings.Sinks.Count; i++)
        {
            var options = settings.Sinks[i];
            var name = settings.AlertRoutes[i].Sink;
            sinks.Add(options.Type.ToLowerInvariant() switch
            {
                "jsonl" => new JsonlFileAlertSink(name, Path.Combine(settings.BaseDirectory, options.Path!)),
                "webhook" => new WebhookAlertSink(name, new Uri(options.Url!), options.Secret!, http.CreateClient(name), time),
                "teams" => new CardAlertSink(name, new Uri(options.Url!), TeamsCardPayload.Build, storm => StormTeamsCard.Build(storm, settings.PublicUrl),
                    settings.PublicUrl, http.CreateClient(name), time, spike => SpikeAlertPayloads.Teams(spike, settings.PublicUrl)),
                "slack" => new CardAlertSink(name, new Uri(options.Url!), SlackMessagePayload.Build, storm => StormSlackMessage.Build(storm, settings.PublicUrl),
                    settings.PublicUrl, http.CreateClient(name), time, spike => SpikeAlertPayloads.Slack(spike, settings.PublicUrl)),
                "pagerduty" => new CardAlertSink(name, options.Url is { } pd ? new Uri(pd) : CardAlertSink.PagerDutyEvents,
                    card => PagerDutyEventPayload.Build(card, PagerDutyAction.Trigger, options.RoutingKey!),
                    storm => StormPagerDutyEvent.Build(storm, options.RoutingKey!, settings.PublicUrl), settings.PublicUrl, http.CreateClient(name), time,
                    spike => SpikeAlertPayloads.PagerDuty(spike, options.RoutingKey!),
                    (dedupKey, action) => PagerDutyLifecycle.Build(dedupKey, action, options.RoutingKey!)),
                _ => new ConsoleAlertSink(name, output),
            });
        }
        return sinks;
    }
}
