using Azure.AI.TextAnalytics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using SocialSla.Functions.Adapters;

namespace SocialSla.Functions.Extensions;

/// <summary>The app's services: settings, the Azure SDK clients (one credential, identity-based) and the adapters.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers everything the functions take in their constructors.</summary>
    public static IServiceCollection AddSocialSla(this IServiceCollection services, AppSettings settings)
    {
        // One credential for every identity-based connection: the app's user-assigned identity on Azure
        // (AZURE_CLIENT_ID), the developer's az/azd login locally.
        TokenCredential credential = new DefaultAzureCredential();
        services.AddSingleton(settings);
        services.AddSingleton(_ => new ServiceBusClient(settings.ServiceBusNamespace, credential));
        services.AddSingleton(sp => new MentionQueue(sp.GetRequiredService<ServiceBusClient>().CreateSender(settings.MentionsQueueName)));
        services.AddSingleton(sp => new AlertTopic(sp.GetRequiredService<ServiceBusClient>().CreateSender(settings.AlertsTopicName)));
        services.AddSingleton(_ => settings.TableServiceUri is { } uri
            ? new TableServiceClient(uri, credential)
            : new TableServiceClient(settings.StorageConnectionString
                ?? throw new InvalidOperationException("Neither AzureWebJobsStorage__tableServiceUri nor AzureWebJobsStorage is set.")));
        services.AddSingleton(sp => new KpiTable(Port(sp, settings.KpiTableName)));
        services.AddSingleton(sp => new CursorTable(Port(sp, settings.CursorTableName)));
        services.AddSingleton(sp => new PipelineTable(Port(sp, settings.PipelineTableName)));
        services.AddSingleton(sp => new AlertTable(Port(sp, settings.AlertTableName)));
        services.AddSingleton<EffectsRunner>();
        // No endpoint: no client, and triage's offline analyser scores every message.
        services.AddSingleton(sp => new LanguageSentiment(
            settings.LanguageEndpoint is { } endpoint ? new TextAnalyticsClient(endpoint, credential) : null,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LanguageSentiment>>()));
        services.AddHttpClient();
        return services;
    }

    private static TableEntityPort Port(IServiceProvider services, string table) =>
        new(services.GetRequiredService<TableServiceClient>().GetTableClient(table));
}
