using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialSla.Standalone.Server;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Server.Demo;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla serve [--config FILE] [--urls URL] [--demo]</c>: the whole pipeline in one process.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://localhost:7071";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<string?>("--config") { Description = "The configuration file (JSON; see README). SOCIALSLA_* environment variables override it." };
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {DefaultUrls}).", DefaultValueFactory = _ => DefaultUrls };
        var demo = new Option<bool>("--demo") { Description = "Start with a demo configuration and feed it synthetic signed traffic with short targets." };
        var command = new Command("serve", "Run the webhooks, pulls, case clocks, alerts and APIs in one process (state in SQLite).") { config, urls, demo };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(config), parsed.GetValue(urls)!, parsed.GetValue(demo), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? configPath, string urls, bool demo, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Acknowledgements wait for no full blocking collection unless memory runs short (background collections are on:
        // see the project file); at 5,000 webhooks/s they came every few seconds and set the p99 (BENCHMARKS.md).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        ServerSettings settings;
        DemoSetup? demoSetup = null;
        if (demo)
        {
            if (configPath is not null)
            {
                error.WriteLine("socialsla: --demo brings its own configuration; leave out --config.");
                return ExitCodes.BadInput;
            }
            demoSetup = DemoSetup.Create(Path.Combine(Path.GetTempPath(), $"socialsla-demo-{Environment.ProcessId}"));
            settings = demoSetup.Settings;
        }
        else
        {
            var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value);
            if (!ServerConfigLoader.TryLoad(configPath, environment, out var loaded, out var reason))
            {
                error.WriteLine($"socialsla: {reason}");
                return ExitCodes.BadInput;
            }
            settings = loaded;
            if (configPath is null) error.WriteLine("socialsla: no --config given: no accounts, tokens or sinks are configured (see README).");
        }

        WebApplication app;
        try
        {
            app = ServerHost.Build(settings, urls, TimeProvider.System, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"socialsla: cannot open the database '{settings.DatabasePath}': {e.Message}");
            return ExitCodes.BadInput;
        }
        if (demoSetup is not null)
        {
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() =>
            {
                var address = app.Urls.First();
                output.WriteLine($"Demo: a board-reading token:  {demoSetup.ReadToken}");
                output.WriteLine($"      an agent token:          {demoSetup.AgentToken}");
                output.WriteLine($"      try: curl -H 'Authorization: Bearer {demoSetup.ReadToken}' {address}/api/cases");
                output.WriteLine($"      or open the board: {address}/ (paste a token)");
                output.WriteLine($"      state in {demoSetup.Directory}; feeding signed traffic to {address}/api/webhooks/generic/demo …");
                _ = new DemoFeeder(demoSetup, new Uri(address), TimeProvider.System, output).RunAsync(lifetime.ApplicationStopping);
            });
        }
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (IOException e)
        {
            error.WriteLine($"socialsla: cannot listen on {urls}: {e.Message}");
            return ExitCodes.BadInput;
        }
        return ExitCodes.Ok;
    }
}
