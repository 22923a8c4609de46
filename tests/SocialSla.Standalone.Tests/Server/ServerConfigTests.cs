using SocialSla.Core.Mentions;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

public sealed class ServerConfigTests
{
    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public void The_sample_configuration_in_the_repository_loads()
    {
        Assert.True(ServerConfigLoader.TryLoad(RepositoryFile("socialsla.sample.json"), null, out var settings, out var error), error);
        Assert.True(settings.Brands.TryFind(Platform.X, "1500000000000000001", out var x));
        Assert.Equal("x:ContosoCoffee", x.Account.ToString());
        Assert.Single(settings.Tokens);
        Assert.Equal(5, settings.Storm!.Threshold);
    }

    [Fact]
    public void Storm_control_is_on_by_default_off_when_disabled_and_pagerduty_sinks_are_known_by_name()
    {
        using var files = new TempFiles();
        var defaults = files.Write("a.json", """{ "sinks": [ { "type": "slack", "url": "https://hooks.example.com/a" }, { "type": "pagerduty", "name": "oncall", "routingKey": "k" } ] }""");
        var off = files.Write("b.json", """{ "storm": { "enabled": false, "windowMinutes": 3 } }""");
        var custom = files.Write("c.json", """{ "storm": { "threshold": 20, "windowMinutes": 3, "updateEveryMinutes": 0 } }""");

        Assert.True(ServerConfigLoader.TryLoad(defaults, null, out var settings, out var error), error);
        Assert.Equal(Core.Alerts.Storms.StormOptions.Default, settings.Storm);
        Assert.Equal(["oncall"], settings.PagerDutySinks);
        Assert.True(ServerConfigLoader.TryLoad(off, null, out settings, out error), error);
        Assert.Null(settings.Storm);
        Assert.True(ServerConfigLoader.TryLoad(custom, null, out settings, out error), error);
        Assert.Equal(20, settings.Storm!.Threshold);
        Assert.Equal(NodaTime.Duration.FromMinutes(3), settings.Storm.Window);
        Assert.Equal(NodaTime.Duration.Zero, settings.Storm.UpdateEvery);
    }

    [Fact]
    public void Spikes_OnByDefaultWithTheirZoneAndNumbers_OffWhenDisabled()
    {
        using var files = new TempFiles();
        Assert.True(ServerConfigLoader.TryLoad(files.Write("a.json", "{}"), null, out var defaults, out var error), error);
        Assert.Equal(Core.Spikes.SpikeOptions.Default, defaults.Spikes);

        var path = files.Write("b.json", """{ "spikes": { "zone": "Europe/Berlin", "minimumCount": 25, "resolveMinutes": 5 }, "sinks": [ { "type": "console", "levels": ["volumeSpike", "negativeSurge"] } ] }""");
        Assert.True(ServerConfigLoader.TryLoad(path, null, out var tuned, out error), error);
        Assert.Equal("Europe/Berlin", tuned.Spikes!.Zone.Id);
        Assert.Equal(25, tuned.Spikes.MinimumCount);
        Assert.Equal(5, tuned.Spikes.ResolveMinutes);
        Assert.Equal(Core.Spikes.SpikeOptions.Default.MinimumRatio, tuned.Spikes.MinimumRatio);
        Assert.True(tuned.AlertRoutes[0].Takes(Core.Alerts.AlertKind.NegativeSurge, new PlatformAccountId(Platform.X, "A")));
        Assert.False(tuned.AlertRoutes[0].Takes(Core.Alerts.AlertKind.Breached, new PlatformAccountId(Platform.X, "A")));

        Assert.True(ServerConfigLoader.TryLoad(files.Write("c.json", """{ "spikes": { "enabled": false } }"""), null, out var off, out error), error);
        Assert.Null(off.Spikes);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        using var files = new TempFiles();
        var path = files.Write("c.json", """{ "database": "a.db", "x": { "consumerSecrets": ["from-file"] } }""");
        var environment = new Dictionary<string, string?> { ["SOCIALSLA_X__CONSUMERSECRETS__0"] = "from-env", ["SOCIALSLA_DATABASE"] = "b.db", ["OTHER"] = "x" };

        Assert.True(ServerConfigLoader.TryLoad(path, environment, out var settings, out var error), error);
        Assert.Equal(["from-env"], settings.XConsumerSecrets);
        Assert.Equal(Path.Combine(files.Folder, "b.db"), settings.DatabasePath);
    }

    [Theory]
    [InlineData("""{ "accounts": [ { "account": "ContosoCoffee", "platformUserId": "1" } ] }""", "accounts[0].account")]
    [InlineData("""{ "accounts": [ { "account": "x:A", "platformUserId": "1" }, { "account": "x:B", "platformUserId": "1" } ] }""", "configured twice")]
    [InlineData("""{ "tokens": [ { "name": "t", "role": "owner", "sha256": "00" } ] }""", "tokens[0].role")]
    [InlineData("""{ "tokens": [ { "name": "t", "role": "read", "sha256": "abc" } ] }""", "tokens[0].sha256")]
    [InlineData("""{ "sinks": [ { "type": "webhook", "url": "https://example.com/x" } ] }""", "sinks[0]: secret")]
    [InlineData("""{ "genericSources": [ { "name": "z", "scheme": "md5", "secrets": ["s"] } ] }""", "genericSources[0].scheme")]
    [InlineData("""{ "pulls": [ { "name": "r", "kind": "rss", "account": "rss:A" } ] }""", "pulls[0]: url")]
    [InlineData("""{ "policy": { "rules": [ { "name": "r", "firstReply": "soon" } ] } }""", "policy:")]
    [InlineData("""[1, 2]""", "one JSON object")]
    [InlineData("""{ "escalation": { "warningMinutes": 0 } }""", "escalation.warningMinutes")]
    [InlineData("""{ "storm": { "threshold": 0 } }""", "storm.threshold")]
    [InlineData("""{ "storm": { "windowMinutes": 0 } }""", "storm.windowMinutes")]
    [InlineData("""{ "storm": { "listedCases": 5000 } }""", "storm.listedCases")]
    [InlineData("""{ "sinks": [ { "type": "console" } ], "rosters": [ { "name": "care", "sinks": ["pager"], "onDuty": "mon-fri 08:00-18:00" } ] }""", "rosters[0].sinks: no sink is named 'pager'")]
    [InlineData("""{ "sinks": [ { "type": "console" } ], "rosters": [ { "name": "care", "sinks": ["console"], "onDuty": "weekdays" } ] }""", "rosters[0].onDuty")]
    [InlineData("""{ "sinks": [ { "type": "console" } ], "rosters": [ { "name": "care", "sinks": ["console"], "onDuty": "mon 08:00-18:00", "zone": "Mars/Olympus" } ] }""", "rosters[0].zone")]
    [InlineData("""{ "storageBusyTimeoutSeconds": 0 }""", "storageBusyTimeoutSeconds must be between 1 and 600")]
    [InlineData("""{ "sinks": [ { "type": "console", "timeoutSeconds": 0 } ] }""", "sinks[0]: timeoutSeconds must be between 1 and 300")]
    [InlineData("""{ "spikes": { "zone": "Mars/Olympus" } }""", "spikes.zone: 'Mars/Olympus'")]
    [InlineData("""{ "spikes": { "windowMinutes": 0 } }""", "spikes.windowMinutes must be between 1 and 60 minutes")]
    [InlineData("""{ "spikes": { "minimumRatio": 1.2 } }""", "spikes.resolveRatio")]
    [InlineData("""{ "sinks": [ { "type": "console", "levels": ["spike"] } ] }""", "is not warning, atRisk, breached, replyWindowClosing, volumeSpike or negativeSurge")]
    public void A_bad_setting_is_named_and_nothing_starts(string json, string expected)
    {
        using var files = new TempFiles();
        var path = files.Write("c.json", json);

        Assert.False(ServerConfigLoader.TryLoad(path, null, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_never_appear_in_an_error()
    {
        using var files = new TempFiles();
        var path = files.Write("c.json", """{ "x": { "consumerSecrets": ["s3cr3t-value"] }, "sinks": [ { "type": "webhook", "url": "not a url", "secret": "whsec_s3cr3t" } ] }""");

        Assert.False(ServerConfigLoader.TryLoad(path, null, out _, out var error));
        Assert.DoesNotContain("s3cr3t", error, StringComparison.Ordinal);
    }
}
