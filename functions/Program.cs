using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialSla.Functions;
using SocialSla.Functions.Adapters;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddApplicationInsightsTelemetryWorkerService();
builder.Services.ConfigureFunctionsApplicationInsights();

var settings = AppSettings.Load(builder.Configuration);
builder.Services.AddSingleton(settings);

// One credential for every identity-based connection: the app's user-assigned identity on Azure
// (AZURE_CLIENT_ID), the developer's az/azd login locally.
var credential = new DefaultAzureCredential();
builder.Services.AddSingleton(_ => new ServiceBusClient(settings.ServiceBusNamespace, credential));
builder.Services.AddSingleton(sp => new MentionQueue(sp.GetRequiredService<ServiceBusClient>().CreateSender(settings.MentionsQueueName)));
builder.Services.AddSingleton(sp => new AlertTopic(sp.GetRequiredService<ServiceBusClient>().CreateSender(settings.AlertsTopicName)));
builder.Services.AddSingleton(_ => settings.TableServiceUri is { } uri
    ? new TableServiceClient(uri, credential)
    : new TableServiceClient(settings.StorageConnectionString));
builder.Services.AddSingleton(sp => new KpiTable(new TableEntityPort(sp.GetRequiredService<TableServiceClient>().GetTableClient(settings.KpiTableName))));
builder.Services.AddSingleton(sp => new CursorTable(new TableEntityPort(sp.GetRequiredService<TableServiceClient>().GetTableClient(settings.CursorTableName))));
builder.Services.AddHttpClient();

builder.Build().Run();
