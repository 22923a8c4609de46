using Microsoft.Extensions.Configuration;
using SocialSla.Core.Delivery;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pulls;
using SocialSla.Core.Sla;
using SocialSla.Core.Triage;
using SocialSla.Core.Webhooks;

namespace SocialSla.Functions;

/// <summary>The app settings the functions read (see local.settings.sample.json and functions/README.md).</summary>
/// <remarks>Misconfiguration fails at startup (<see cref="Load"/> throws with the setting's name).</remarks>
public sealed class AppSettings
{
    public required string ServiceBusNamespace { get; init; }
    public required string MentionsQueueName { get; init; }
    public required string AlertsTopicName { get; init; }
    public Uri? TableServiceUri { get; init; }
    public string? StorageConnectionString { get; init; }
    public required string KpiTableName { get; init; }
    public required string CursorTableName { get; init; }
    public required string PipelineTableName { get; init; }
    public required string AlertTableName { get; init; }
    public Uri? LanguageEndpoint { get; init; }
    public required BrandDirectory Brands { get; init; }
    public required IReadOnlyList<string> MetaAppSecrets { get; init; }
    public string? MetaVerifyToken { get; init; }
    public required IReadOnlyList<string> XConsumerSecrets { get; init; }
    public required IReadOnlyDictionary<string, GenericSource> GenericSources { get; init; }
    public required IReadOnlyList<AlertWebhook> AlertWebhooks { get; init; }
    public required IReadOnlyList<PullSetting> Pulls { get; init; }
    public int MaxPagesPerRun { get; init; } = 20;
    public TimeSpan PullRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public RetryBackoff PullBackoff { get; init; } = RetryBackoff.Default;
    /// <summary>The largest webhook body taken (413 above). Each body travels as one Service Bus message, and a Standard
    /// namespace takes messages up to 256 KB with their properties: the default leaves room for those. Raise it only on
    /// a Premium namespace.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>192 KiB.</summary>
    public const int DefaultMaxBodyBytes = 192 * 1024;
    public SlaPolicy Policy { get; init; } = SlaPolicy.Default;
    public TriageOptions? Triage { get; init; }

    /// <summary>What personal data is masked in a mention's text before anything reads or stores it (default: all kinds).</summary>
    public Core.Privacy.PiiKinds PiiMasking { get; init; } = Core.Privacy.PiiKinds.All;

    /// <summary>The generic sources with the account each posts for (what <see cref="Envelopes.TryDecode"/> takes).</summary>
    public IReadOnlyDictionary<string, PlatformAccountId?> GenericAccounts =>
        GenericSources.ToDictionary(p => p.Key, p => p.Value.Account, StringComparer.Ordinal);

    public sealed record GenericSource(string Name, GenericSignatureScheme Scheme, IReadOnlyList<string> Secrets, PlatformAccountId? Account, TimeSpan Tolerance);

    public sealed record AlertWebhook(Uri Url, string Secret);

    /// <summary>A pulled source, its interval and its credential (never logged).</summary>
    public sealed record PullSetting(PullSource Source, TimeSpan Interval, string? Credential)
    {
        public override string ToString() => $"PullSetting {{ Source = {Source.Name}, Interval = {Interval} }}";
    }

    public static AppSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("SocialSla");
        var accounts = section.GetSection("Accounts").GetChildren()
            .Select(a => new BrandAccount(PlatformAccountId.Parse(a["Account"]!), a["PlatformUserId"]!, a["Handle"]))
            .ToList();
        var generic = section.GetSection("GenericSources").GetChildren().Select(g => new GenericSource(
            g["Name"]!,
            GenericSignatureSchemeNames.TryParse(g["Scheme"], out var scheme) ? scheme.Value
                : throw new InvalidOperationException($"SocialSla__GenericSources__{g.Key}__Scheme must be one of {string.Join(", ", GenericSignatureSchemeNames.All)}."),
            Strings(g.GetSection("Secrets")),
            g["Account"] is { } account ? PlatformAccountId.Parse(account) : null,
            TimeSpan.FromSeconds(int.TryParse(g["ToleranceSeconds"], out var seconds) ? seconds : 300))).ToList();
        return new AppSettings
        {
            ServiceBusNamespace = configuration["ServiceBusConnection:fullyQualifiedNamespace"]
                ?? throw new InvalidOperationException("ServiceBusConnection__fullyQualifiedNamespace is not set."),
            MentionsQueueName = configuration["MentionsQueueName"] ?? "mentions",
            AlertsTopicName = configuration["AlertsTopicName"] ?? "sla-alerts",
            TableServiceUri = configuration["AzureWebJobsStorage:tableServiceUri"] is { } uri ? new Uri(uri) : null,
            StorageConnectionString = configuration["AzureWebJobsStorage"],
            KpiTableName = configuration["KpiTableName"] ?? "kpis",
            CursorTableName = configuration["CursorTableName"] ?? "cursors",
            PipelineTableName = configuration["PipelineTableName"] ?? "pipeline",
            AlertTableName = configuration["AlertTableName"] ?? "alerts",
            LanguageEndpoint = configuration["LanguageEndpoint"] is { Length: > 0 } language ? new Uri(language) : null,
            Brands = new BrandDirectory(accounts),
            MetaAppSecrets = Strings(section.GetSection("Meta:AppSecrets")),
            MetaVerifyToken = section["Meta:VerifyToken"],
            XConsumerSecrets = Strings(section.GetSection("X:ConsumerSecrets")),
            GenericSources = generic.ToDictionary(g => g.Name, StringComparer.Ordinal),
            AlertWebhooks = [.. section.GetSection("AlertWebhooks").GetChildren().Select(w => new AlertWebhook(new Uri(w["Url"]!), w["Secret"]!))],
            Pulls = [.. section.GetSection("Pulls").GetChildren().Select(Pull)],
            MaxPagesPerRun = int.TryParse(section["MaxPagesPerRun"], out var pages) ? pages : 20,
            MaxBodyBytes = int.TryParse(section["MaxBodyBytes"], out var max) ? max : DefaultMaxBodyBytes,
            Policy = section["PolicyJson"] is { Length: > 0 } policyJson
                ? SlaPolicyParser.TryParse(policyJson, out var policy, out var policyError) ? policy : throw new InvalidOperationException($"SocialSla__PolicyJson: {policyError}")
                : SlaPolicy.Default,
            Triage = section["TriageJson"] is { Length: > 0 } triageJson
                ? TriageOptionsParser.TryParse(triageJson, openFile: null, out var triage, out var triageError) ? triage : throw new InvalidOperationException($"SocialSla__TriageJson: {triageError}")
                : null,
            PiiMasking = bool.TryParse(section["MaskPii"], out var mask) && !mask ? Core.Privacy.PiiKinds.None : Core.Privacy.PiiKinds.All,
        };
    }

    /// <summary>The shortest pull interval: the timer runs each minute.</summary>
    public const int MinPullIntervalSeconds = 60;

    // The Standalone's pull settings, through the same Core validation.
    private static PullSetting Pull(IConfigurationSection p)
    {
        var settings = new PullSourceSettings(p["Name"], p["Kind"], p["Account"], p["Url"], p["Query"], p["Subreddit"], p["VideoId"],
            p["BrandId"], p["BrandHandle"], p["Channel"], int.TryParse(p["IntervalSeconds"], out var seconds) ? seconds : 300);
        return settings.TryCreate(MinPullIntervalSeconds, out var source, out var interval, out var error)
            ? new PullSetting(source, interval, p["Credential"])
            : throw new InvalidOperationException($"SocialSla__Pulls__{p.Key}: {error}.");
    }

    private static IReadOnlyList<string> Strings(IConfigurationSection section) =>
        [.. section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0)];
}
