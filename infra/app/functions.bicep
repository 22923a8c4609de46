// The SocialSla function app on Flex Consumption, dotnet-isolated 10.0, identity-based connections only.
// Follows Azure-Samples/functions-quickstart-dotnet-azd : infra/app/api.bicep (same AVM module and version, same
// functionAppConfig shape, same base settings), with the settings functions/ reads added.
//
// App setting names are the ones functions/ reads:
// - functions/AppSettings.cs: ServiceBusConnection:fullyQualifiedNamespace, MentionsQueueName, AlertsTopicName,
//   AzureWebJobsStorage:tableServiceUri (the KPI/cursor TableServiceClient; without it the app would fall back to
//   an AzureWebJobsStorage connection string, which does not exist here), KpiTableName, CursorTableName,
//   PipelineTableName, AlertTableName, LanguageEndpoint, SocialSla:*.
// - functions/Triggers/ProcessMention.cs: %MentionsQueueName%, Connection = "ServiceBusConnection".
// - functions/Triggers/DispatchAlert.cs: %AlertsTopicName%, %AlertsSubscriptionName%, Connection = "ServiceBusConnection".
// - functions/Extensions/FunctionsServiceCollectionExtensions.cs: DefaultAzureCredential, which takes the user-assigned identity from AZURE_CLIENT_ID.
// - host.json: Durable storageProvider.connectionName "AzureWebJobsStorage" (blob, queue and table URIs).
// The per-service URIs are used rather than AzureWebJobsStorage__accountName because AppSettings.cs reads
// AzureWebJobsStorage__tableServiceUri itself; Durable's Azure Storage provider accepts the three URIs.

param name string
param location string = resourceGroup().location
param tags object = {}
@description('azd service name (azure.yaml services.<name>); azd finds the app by this tag.')
param serviceName string = 'functions'
param appServicePlanId string
param storageAccountName string
param deploymentStorageContainerName string
param applicationInsightsName string
param identityId string
param identityClientId string
param enableBlob bool = true
param enableQueue bool = true
param enableTable bool = true
param serviceBusFullyQualifiedNamespace string
param mentionsQueueName string
param alertsTopicName string
param alertsSubscriptionName string
param kpiTableName string
param cursorTableName string
param pipelineTableName string
param alertTableName string
@description('AI Language endpoint on the custom subdomain; functions/ reads it as LanguageEndpoint (empty: offline analyser).')
param languageEndpoint string
param durableAlwaysReadyInstanceCount int = 1
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 100
param disableDotnetIsolatedPlaceholder bool = false
@secure()
@description('Extra app settings (SocialSla__* secrets and options); the settings below win on a name clash.')
param appSettings object = {}

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var storageSettings = union(
  {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
  },
  enableBlob ? { AzureWebJobsStorage__blobServiceUri: stg.properties.primaryEndpoints.blob } : {},
  enableQueue ? { AzureWebJobsStorage__queueServiceUri: stg.properties.primaryEndpoints.queue } : {},
  enableTable ? { AzureWebJobsStorage__tableServiceUri: stg.properties.primaryEndpoints.table } : {}
)

var appOwnSettings = {
  // Application Insights with Entra ID ingestion (the component has local auth off); Monitoring Metrics Publisher
  // is granted in rbac.bicep. The host and Microsoft.Azure.Functions.Worker.ApplicationInsights read
  // APPLICATIONINSIGHTS_AUTHENTICATION_STRING (Azure/azure-functions-dotnet-worker PR #2217).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // Service Bus trigger connection (prefix ServiceBusConnection) and the SDK client in Program.cs.
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  MentionsQueueName: mentionsQueueName
  AlertsTopicName: alertsTopicName
  AlertsSubscriptionName: alertsSubscriptionName

  KpiTableName: kpiTableName
  CursorTableName: cursorTableName
  PipelineTableName: pipelineTableName
  AlertTableName: alertTableName

  LanguageEndpoint: languageEndpoint

  // DefaultAzureCredential (Program.cs) picks the user-assigned identity from this.
  AZURE_CLIENT_ID: identityClientId
}

var workaroundSettings = disableDotnetIsolatedPlaceholder ? { WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED: '0' } : {}

var allAppSettings = union(appSettings, workaroundSettings, storageSettings, appOwnSettings)

// AVM parameters exactly as Azure-Samples/functions-quickstart-dotnet-azd : infra/app/api.bicep (kind, name,
// location, tags, serverFarmResourceId, managedIdentities { systemAssigned, userAssignedResourceIds },
// functionAppConfig, siteConfig, appSettingsKeyValuePairs; output name). functionAppConfig is a plain object
// passed through to Microsoft.Web/sites properties.functionAppConfig (Azure/bicep-registry-modules :
// avm/res/web/site/main.bicep of that generation: `param functionAppConfig object?`), so scaleAndConcurrency.alwaysReady
// is the ARM shape [{ name, instanceCount }].
module site 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${stg.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Durable on the Azure Storage backend on Flex: keep the "durable" group warm (azure-docs
        // durable-functions-azure-storage-provider.md), together with maxQueuePollingInterval 5 s in host.json.
        alwaysReady: durableAlwaysReadyInstanceCount > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstanceCount
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
    }
    appSettingsKeyValuePairs: allAppSettings
  }
}

resource deployedSite 'Microsoft.Web/sites@2024-04-01' existing = {
  name: name
}

output name string = site.outputs.name
// Read after the module ran (outputs are evaluated at the end of the deployment); the default host name may be the
// regional unique form, so it is not rebuilt from the name.
output url string = 'https://${deployedSite.properties.defaultHostName}'
