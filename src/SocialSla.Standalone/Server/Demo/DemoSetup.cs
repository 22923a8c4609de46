using System.Security.Cryptography;
using NodaTime;
using SocialSla.Core.Mentions;
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
        var readToken = TokenCommand.NewToken();
        var agentToken = TokenCommand.NewToken();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        // The same validation a configuration file goes through.
        var options = new ServerOptions
        {
            Database = "socialsla-demo.db",
            Accounts = [.. traffic.Select(m => m.Account).Distinct().Select(a => new AccountOptions { Account = a.ToString(), PlatformUserId = a.Value, Handle = a.Value })],
            GenericSources = [new GenericSourceOptions { Name = "demo", Secrets = [secret] }],
            Tokens =
            [
                new TokenOptions { Name = "demo-reader", Role = "read", Sha256 = ApiAuthentication.HashOf(readToken) },
                new TokenOptions { Name = "demo-agent", Role = "agent", Sha256 = ApiAuthentication.HashOf(agentToken) },
            ],
            Sinks = [new SinkOptions { Type = "console" }, new SinkOptions { Type = "jsonl", Path = "alerts.jsonl" }],
        };
        if (!ServerConfigLoader.TryValidate(options, Policy, directory, out var settings, out var reason))
            throw new InvalidOperationException($"The demo configuration is invalid: {reason}");
        return new DemoSetup(directory, settings, readToken, agentToken, secret, traffic);
    }
}
