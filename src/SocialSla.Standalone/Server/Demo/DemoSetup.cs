using System.Security.Cryptography;
using NodaTime;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Standalone.Cli;
using SocialSla.Standalone.Generate;
using SocialSla.Standalone.Server.Api;
using SocialSla.Standalone.Server.Configuration;

namespace SocialSla.Standalone.Server.Demo;

/// <summary>The configuration <c>serve --demo</c> runs with: the generator's brand accounts, one generic webhook
/// source the feeder signs for, a console sink, short targets (a minute to the first reply), and fresh tokens.</summary>
internal sealed class DemoSetup
{
    /// <summary>How many generated messages the demo feeds.</summary>
    public const int Messages = 5_000;

    /// <summary>The demo's reply targets: short, so alerts fire within a minute or two.</summary>
    public const string Policy = """
        { "autoResolveAfter": "3m", "reopenWindow": "10m",
          "rules": [ { "name": "demo-dm", "when": { "channels": ["dm"] }, "firstReply": "1m", "nextReply": "1m", "resolution": "10m" },
                     { "name": "demo", "firstReply": "2m", "nextReply": "2m", "resolution": "10m" } ] }
        """;

    private DemoSetup(string directory, ServerSettings settings, string readToken, string agentToken, string secret, IReadOnlyList<Mention> traffic)
    {
        Directory = directory;
        Settings = settings;
        ReadToken = readToken;
        AgentToken = agentToken;
        Secret = secret;
        Traffic = traffic;
    }

    public string Directory { get; }

    public ServerSettings Settings { get; }

    public string ReadToken { get; }

    public string AgentToken { get; }

    /// <summary>The Standard Webhooks secret of the <c>demo</c> source.</summary>
    public string Secret { get; }

    /// <summary>The generated messages, in delivery order, with their original times.</summary>
    public IReadOnlyList<Mention> Traffic { get; }

    public static DemoSetup Create(string directory, int messages = Messages)
    {
        System.IO.Directory.CreateDirectory(directory);
        var traffic = TrafficGenerator.Generate(new GenerateOptions(messages, Seed: 7, GenerateFormat.Jsonl, Instant.FromUtc(2026, 1, 5, 9, 0))).ToList();
        var accounts = traffic.Select(m => m.Account).Distinct().Select(a => new BrandAccount(a, a.Value, a.Value)).ToList();
        var readToken = TokenCommand.NewToken();
        var agentToken = TokenCommand.NewToken();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        if (!SlaPolicyParser.TryParse(Policy, out var policy, out var reason)) throw new InvalidOperationException($"The demo policy is invalid: {reason}");
        var settings = new ServerSettings
        {
            DatabasePath = Path.Combine(directory, "socialsla-demo.db"),
            BaseDirectory = directory,
            Brands = new BrandDirectory(accounts),
            Policy = policy,
            GenericSources = new Dictionary<string, GenericSourceSettings>
            {
                ["demo"] = new("demo", "standard-webhooks", [secret], null, Duration.FromMinutes(5)),
            },
            Tokens =
            [
                new ApiToken("demo-reader", ApiRole.Read, Convert.FromHexString(ApiAuthentication.HashOf(readToken))),
                new ApiToken("demo-agent", ApiRole.Agent, Convert.FromHexString(ApiAuthentication.HashOf(agentToken))),
            ],
            Sinks = [new SinkOptions { Type = "console" }, new SinkOptions { Type = "jsonl", Path = "alerts.jsonl" }],
            AlertRoutes = [new("console", new HashSet<Core.Alerts.AlertKind>(), new HashSet<PlatformAccountId>()),
                           new("jsonl", new HashSet<Core.Alerts.AlertKind>(), new HashSet<PlatformAccountId>())],
        };
        return new DemoSetup(directory, settings, readToken, agentToken, secret, traffic);
    }
}
