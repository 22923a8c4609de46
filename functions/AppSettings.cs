using Microsoft.Extensions.Configuration;
using SocialSla.Core.Ingestion;
using SocialSla.Core.Mentions;
using SocialSla.Core.Sla;
using SocialSla.Core.Webhooks;

namespace SocialSla.Functions;

/// <summary>The app settings the functions read (see local.settings.sample.json and functions/README.md).</summary>
public sealed class AppSettings
{
    public required string ServiceBusNamespace { get; init; }
    public required string MentionsQueueName { get; init; }
    public required string AlertsTopicName { get; init; }
    public Uri? TableServiceUri { get; init; }
    public string? StorageConnectionString { get; init; }
    public required string KpiTableName { get; init; }
    public required string CursorTableName { get; init; }
    public required BrandDirectory Brands { get; init; }
    public required IReadOnlyList<string> MetaAppSecrets { get; init; }
    public string? MetaVerifyToken { get; init; }
    public required IReadOnlyList<string> XConsumerSecrets { get; init; }
    public required IReadOnlyDictionary<string, GenericSource> GenericSources { get; init; }
    public required IReadOnlyList<AlertWebhook> AlertWebhooks { get; init; }
    public int MaxBodyBytes { get; init; } = 1024 * 1024;
    public SlaPolicy Policy { get; init; } = SlaPolicy.Default;

    public sealed record GenericSource(string Name, GenericSignatureScheme Scheme, IReadOnlyList<string> Secrets, PlatformAccountId? Account, TimeSpan Tolerance);

    public sealed record AlertWebhook(Uri Url, string Secret);

    public static AppSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("SocialSla");
        var accounts = section.GetSection("Accounts").GetChildren()
            .Select(a => new BrandAccount(PlatformAccountId.Parse(a["Account"]!), a["PlatformUserId"]!, a["Handle"]))
            .ToList();
        var generic = section.GetSection("GenericSources").GetChildren().Select(g => new GenericSource(
            g["Name"]!,
            (g["Scheme"] ?? "standard-webhooks") switch
            {
                "stripe" => GenericSignatureScheme.Stripe,
                "github" => GenericSignatureScheme.GitHub,
                "slack" => GenericSignatureScheme.Slack,
                "zendesk" => GenericSignatureScheme.Zendesk,
                _ => GenericSignatureScheme.StandardWebhooks,
            },
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
            Brands = new BrandDirectory(accounts),
            MetaAppSecrets = Strings(section.GetSection("Meta:AppSecrets")),
            MetaVerifyToken = section["Meta:VerifyToken"],
            XConsumerSecrets = Strings(section.GetSection("X:ConsumerSecrets")),
            GenericSources = generic.ToDictionary(g => g.Name, StringComparer.Ordinal),
            AlertWebhooks = [.. section.GetSection("AlertWebhooks").GetChildren().Select(w => new AlertWebhook(new Uri(w["Url"]!), w["Secret"]!))],
            MaxBodyBytes = int.TryParse(section["MaxBodyBytes"], out var max) ? max : 1024 * 1024,
        };
    }

    private static IReadOnlyList<string> Strings(IConfigurationSection section) =>
        [.. section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0)];
}
