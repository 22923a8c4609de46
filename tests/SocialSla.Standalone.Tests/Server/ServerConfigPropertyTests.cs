using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Tests.Support;
using SocialSla.Standalone.Server.Configuration;
using SocialSla.Standalone.Tests.Support;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>Issue #8: hostile configuration files and environment overrides. Loading answers settings or a reason
/// (which never quotes a secret), never throws, ends within the time and allocation bound, and creates nothing
/// beside the file (no database, no alert file) whatever it says.</summary>
public sealed class ServerConfigPropertyTests
{
    private const string Secret = "s3cr3t-meta-app-secret-42";

    private static readonly byte[][] Seeds =
    [
        Encoding.UTF8.GetBytes($$"""
            {
              "database": "socialsla.db",
              "accounts": [
                { "account": "x:ContosoCoffee", "platformUserId": "1500000000000000001", "handle": "ContosoCoffee" },
                { "account": "facebook:ContosoCoffee", "platformUserId": "104857600123456" },
                { "account": "rss:ContosoCoffee", "platformUserId": "contoso-web" }
              ],
              "meta": { "appSecrets": ["{{Secret}}", "previous-secret"], "verifyToken": "verify-me" },
              "x": { "consumerSecrets": ["x-secret"] },
              "genericSources": [ { "name": "zendesk", "scheme": "zendesk", "secrets": ["z"], "account": "x:ContosoCoffee", "toleranceSeconds": 120 } ],
              "pulls": [
                { "name": "forum", "kind": "rss", "url": "https://forum.example.com/feed.xml", "account": "rss:ContosoCoffee", "intervalSeconds": 300 },
                { "name": "x-search", "kind": "x", "query": "contoso -is:retweet", "account": "x:ContosoCoffee", "brandId": "1500000000000000001", "credential": "bearer" }
              ],
              "tokens": [ { "name": "lead", "role": "agent", "sha256": "846d47ae6ff0ac57bba253258d7faa442acfb135e24919f7698884c66ded3493" } ],
              "sinks": [ { "type": "console", "name": "teams", "levels": ["breached"] }, { "type": "jsonl", "path": "alerts.jsonl", "accounts": ["x:ContosoCoffee"] } ],
              "escalation": { "warningMinutes": 10, "atRiskMinutes": 10 },
              "rosters": [ { "name": "care", "sinks": ["teams"], "onDuty": "mon-fri 08:00-18:00", "zone": "Europe/Berlin", "holidays": ["2026-12-25"] } ],
              "webhookRateLimit": { "perSecond": 50, "burst": 100 },
              "envelopeRetentionDays": 7,
              "maxBodyBytes": 1048576,
              "maskPii": true,
              "publicUrl": "https://sla.example.com/",
              "triage": { "priority": { "vips": [ { "platform": "x", "handle": "janedoe" } ] }, "routing": { "defaultQueue": "care" } },
              "policy": { "rules": [ { "name": "dm", "when": { "channels": ["dm"] }, "firstReply": "15m" } ] }
            }
            """),
        File.ReadAllBytes(RepositoryFile("socialsla.sample.json")),
    ];

    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(name);
    }

    private static void Load(byte[] file, IDictionary<string, string?>? environment = null)
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Folder, "socialsla.json");
        File.WriteAllBytes(path, file);
        HostileInput.Bounded(file.Length, () =>
        {
            var ok = ServerConfigLoader.TryLoad(path, environment, out var settings, out var error);
            Assert.Equal(ok, settings is not null);
            Assert.Equal(ok, error is null);
            if (!ok) Assert.False(error!.Contains(Secret, StringComparison.Ordinal), error);
            return 0;
        });
        Assert.Equal(["socialsla.json"], Directory.EnumerateFileSystemEntries(files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Seeds_Load()
    {
        foreach (var seed in Seeds)
        {
            using var files = new TempFiles();
            var path = Path.Combine(files.Folder, "socialsla.json");
            File.WriteAllBytes(path, seed);
            Assert.True(ServerConfigLoader.TryLoad(path, null, out _, out var error), error);
        }
    }

    [Property(MaxTest = 150)]
    public Property Prop_MutatedConfigurationFilesLoadOrGiveAReason() =>
        Prop.ForAll(HostileInput.Mutations(Seeds.Length), m =>
        {
            Load(HostileInput.Apply(Seeds[m.Seed], m.Edits));
            return true;
        });

    [Property(MaxTest = 100)]
    public Property Prop_RandomBytesGiveAReason() =>
        Prop.ForAll(HostileInput.RandomBytes(), body =>
        {
            Load(body);
            return true;
        });

    [Property(MaxTest = 150)]
    public Property Prop_HostileEnvironmentOverridesLoadOrGiveAReason()
    {
        var keys = Gen.Elements(
            "SOCIALSLA_DATABASE", "SOCIALSLA_MAXBODYBYTES", "SOCIALSLA_ACCOUNTS__0", "SOCIALSLA_ACCOUNTS__0__ACCOUNT",
            "SOCIALSLA_ACCOUNTS__99__PLATFORMUSERID", "SOCIALSLA_META", "SOCIALSLA_META__APPSECRETS__0", "SOCIALSLA_META__APPSECRETS",
            "SOCIALSLA_GENERICSOURCES__0__TOLERANCESECONDS", "SOCIALSLA_GENERICSOURCES__0__SCHEME", "SOCIALSLA_PULLS__1__INTERVALSECONDS",
            "SOCIALSLA_WEBHOOKRATELIMIT__PERSECOND", "SOCIALSLA_ESCALATION__WARNINGMINUTES", "SOCIALSLA_ROSTERS__0__ZONE",
            "SOCIALSLA_MASKPII", "SOCIALSLA_ENVELOPERETENTIONDAYS", "SOCIALSLA_SINKS__0__TYPE", "SOCIALSLA_TOKENS__0__SHA256",
            "SOCIALSLA___", "SOCIALSLA_:", "SOCIALSLA_A____B");
        var values = Gen.Elements<string?>(null, "", " ", "-1", "0", "2147483648", "NaN", "1e309", "true", "maybe", "x:", ":",
            "{}", "[]", "\0", "\uD800", new string('9', 10_000), "../../etc/passwd", "Mars/Olympus", "http://[::1", "x:ContosoCoffee");
        var pairs = from count in Gen.Choose(1, 4)
                    from list in Gen.ListOf(Gen.Zip(keys, values), count)
                    select list;
        return Prop.ForAll(pairs.ToArbitrary(), list =>
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in list) environment[key] = value;
            Load(Seeds[0], environment);
            return true;
        });
    }

    [Fact]
    public void TryLoad_100000LevelsOfNesting_FalseWithReason()
    {
        foreach (var body in new[] { HostileInput.NestedJsonObjects(), HostileInput.NestedInside(Seeds[0]) })
        {
            Load(body);
            using var files = new TempFiles();
            var path = files.Write("c.json", Encoding.UTF8.GetString(body));
            Assert.False(ServerConfigLoader.TryLoad(path, null, out _, out var error));
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }

    [Fact]
    public void TryLoad_TwoVariablesNamingOneSettingInDifferentCase_FalseNamingBoth()
    {
        // Regression (issue #8): Linux allows both; the configuration builder threw ArgumentException.
        using var files = new TempFiles();
        var path = files.Write("c.json", "{}");
        var environment = new Dictionary<string, string?> { ["SOCIALSLA_DATABASE"] = "a.db", ["socialsla_database"] = "b.db" };

        Assert.False(ServerConfigLoader.TryLoad(path, environment, out _, out var error));
        Assert.Contains("SOCIALSLA_DATABASE", error);
        Assert.Contains("socialsla_database", error);
    }

    [Theory]
    [InlineData("tokens", """[ { "name": "lead", "role": "agent", "sha256": null } ]""")]
    [InlineData("tokens", """[ { "name": null, "role": null, "sha256": "846d47ae6ff0ac57bba253258d7faa442acfb135e24919f7698884c66ded3493" } ]""")]
    [InlineData("tokens", """[ null ]""")]
    [InlineData("accounts", """[ { "account": null, "platformUserId": null } ]""")]
    [InlineData("accounts", """[ null, 7 ]""")]
    [InlineData("meta", """{ "appSecrets": [ null, "" ], "verifyToken": null }""")]
    [InlineData("meta", """null""")]
    [InlineData("x", """{ "consumerSecrets": null }""")]
    [InlineData("genericSources", """[ { "name": null, "scheme": null, "secrets": [null], "account": null } ]""")]
    [InlineData("genericSources", """[ { "name": "a", "secrets": ["s"], "toleranceSeconds": -5 } ]""")]
    [InlineData("pulls", """[ { "name": null, "kind": null, "account": null, "url": null } ]""")]
    [InlineData("pulls", """[ { "name": "p", "kind": "rss", "account": "rss:a", "url": "not a url", "intervalSeconds": 0 } ]""")]
    [InlineData("sinks", """[ { "type": null, "path": null, "url": null, "levels": [null] } ]""")]
    [InlineData("sinks", """[ { "type": "webhook", "url": "ftp://x", "secret": "whsec_!!!" } ]""")]
    [InlineData("rosters", """[ { "name": null, "sinks": null, "onDuty": null, "zone": null } ]""")]
    [InlineData("escalation", """{ "warningMinutes": -1, "atRiskMinutes": null }""")]
    [InlineData("webhookRateLimit", """{ "perSecond": -1, "burst": 0 }""")]
    [InlineData("database", "null")]
    [InlineData("policyFile", "\"/nonexistent/policy.json\"")]
    [InlineData("policy", "null")]
    [InlineData("triage", "null")]
    [InlineData("maxBodyBytes", "-1")]
    [InlineData("envelopeRetentionDays", "-1")]
    public void TryLoad_NullsAndBadValues_FalseWithReasonOrLoads(string member, string value)
    {
        var text = Encoding.UTF8.GetString(Seeds[0]);
        var json = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        json[member] = System.Text.Json.Nodes.JsonNode.Parse(value);
        Load(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'f', (byte)'f', (byte)'f' })]
    public void TryLoad_MemberNameNotValidUnicode_LoadsOrGivesAReason(byte[] name)
    {
        // Regression (issue #8): looking up "policy" beside such a name threw InvalidOperationException.
        var seed = Seeds[0];
        var policy = Encoding.UTF8.GetBytes("\"policy\"");
        var at = seed.AsSpan().IndexOf(policy);
        Load([.. seed[..at], (byte)'"', .. name, .. "\": 1, "u8, .. seed[at..]]);
        Load([.. seed[..(at + 1)], .. name, .. seed[(at + 1)..]]);
    }

    [Fact]
    public void TryLoad_JsonErrorNearASecret_DoesNotQuoteTheSecret()
    {
        // Regression (issue #8): the JSON parser's message for a bad literal ('t…' is not 'true') quoted the text after
        // it, secret included.
        using var files = new TempFiles();
        var path = files.Write("c.json", $$"""{ "database": tabase.db, "meta": { "appSecrets": ["{{Secret}}"] } }""");

        Assert.False(ServerConfigLoader.TryLoad(path, null, out _, out var error));
        Assert.DoesNotContain(Secret, error);
        Assert.Contains("not valid JSON (line 1", error);
    }
}
