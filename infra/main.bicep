// SocialSla on Azure: `azd up` provisions everything the Functions app in functions/ needs and nothing else.
// Shape follows Azure-Samples/functions-quickstart-dotnet-azd : infra/main.bicep (subscription scope, resource group,
// user-assigned identity, FC1 plan, app module, storage with a deployment container, monitoring, rbac module).
// Every AVM module below names the source its parameter names were checked against. `az bicep build` (CI) restores
// the modules and rejects an unknown module parameter (BCP089 error; unknown properties inside typed objects such as
// the Service Bus queue items are BCP089 warnings).
//
// Identity-based connections only: storage has shared keys off, Service Bus, AI Language and Application Insights
// have local auth off, and the app reaches all of them as one user-assigned identity (infra/app/rbac.bicep).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and to derive unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. Must offer Flex Consumption, Service Bus and AI Language (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal; it gets data-plane roles for local runs and debugging. Empty: none.')
param principalId string = deployer().objectId

@description('Principal type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@secure()
@description('Optional base64 of a JSON object of extra app settings, e.g. {"SocialSla__Meta__AppSecrets__0": "..."} (functions/README.md lists them). azd env set SOCIALSLA_SETTINGS_B64 "$(base64 -w0 settings.json)"')
param socialSlaSettingsBase64 string = ''

@minValue(0)
@maxValue(10)
@description('Always-ready instances of the Flex "durable" group, so durable timers and events are picked up without a cold start. 0 turns it off (cheaper, slower wake-ups).')
param durableAlwaysReadyInstanceCount int = 1

@minValue(1)
@maxValue(1000)
@description('Flex Consumption scale-out ceiling.')
param maximumInstanceCount int = 100

@allowed([
  'F0'
  'S'
])
@description('AI Language pricing tier (F0: one free account per subscription).')
param languageSku string = 'S'

@description('Sets WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED=0: the workaround for FunctionsNetHost exiting with SIGSEGV on .NET 10 Flex (Azure/azure-functions-dotnet-worker#3335). Costs cold-start time.')
param disableDotnetIsolatedPlaceholder bool = false

@description('Duplicate detection window of the mentions queue and the sla-alerts topic (ISO 8601, 20 s to 7 days).')
param duplicateDetectionWindow string = 'P1D'

// Optional name overrides, as in the quickstart.
param resourceGroupName string = ''
param functionAppName string = ''
param userAssignedIdentityName string = ''
param appServicePlanName string = ''
param storageAccountName string = ''
param serviceBusNamespaceName string = ''
param languageAccountName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}socialsla-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(appName, 32)}-${take(toLower(uniqueString(appName, resourceToken)), 7)}'
var sbName = !empty(serviceBusNamespaceName) ? serviceBusNamespaceName : '${abbrs.serviceBusNamespaces}${resourceToken}'
var languageName = !empty(languageAccountName) ? languageAccountName : '${abbrs.cognitiveServicesTextAnalytics}${resourceToken}'

// Entity names: the defaults of functions/AppSettings.cs and functions/local.settings.sample.json.
var mentionsQueueName = 'mentions'
var alertsTopicName = 'sla-alerts'
var alertsSubscriptionName = 'dispatch'
var kpiTableName = 'kpis'
var cursorTableName = 'cursors'
var pipelineTableName = 'pipeline'
var alertTableName = 'alerts'

// Storage endpoints the app uses: blob (host, Flex deployment package, Durable leases), queue (Durable control and
// work-item queues), table (Durable history and instances; the KPI, cursor, pipeline-state and alert tables). The quickstart's
// storageEndpointConfig turns queue and table off; Durable on the Azure Storage backend needs them (design §4).
var storageEndpointConfig = {
  enableBlob: true
  enableQueue: true
  enableTable: true
  allowUserIdentityPrincipal: !empty(principalId)
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The identity the app runs as for every connection (AzureWebJobsStorage, ServiceBusConnection, AZURE_CLIENT_ID).
// AVM parameters as used by Azure-Samples/functions-quickstart-dotnet-azd : infra/main.bicep (name, location, tags;
// outputs resourceId, clientId, principalId).
module appIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'appIdentity'
  scope: rg
  params: {
    name: !empty(userAssignedIdentityName) ? userAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}func-${resourceToken}'
    location: location
    tags: tags
  }
}

// Flex Consumption plan. AVM parameters exactly as Azure-Samples/functions-quickstart-dotnet-azd : infra/main.bicep
// (sku { name: 'FC1', tier: 'FlexConsumption' }, reserved: true; output resourceId).
module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

// Storage: host + Durable task hub + KPI/cursor tables + the Flex deployment container; no shared keys.
// AVM parameters as Azure-Samples/functions-quickstart-dotnet-azd : infra/main.bicep (allowBlobPublicAccess,
// allowSharedKeyAccess, dnsEndpointType, publicNetworkAccess, networkAcls, blobServices.containers[].name,
// minimumTlsVersion; output name). skuName: the same module version with skuName 'Standard_LRS' in other azd
// templates (e.g. an Azure-Samples Flex template indexed by the code search); the module's own default is geo-redundant.
// Blob, queue and table services exist on every StorageV2 account, so they need no parameter; the tables are
// created by the app (functions/Adapters/TableEntityPort.cs: CreateIfNotExistsAsync) and by Durable.
module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: 'Standard_LRS'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        { name: deploymentStorageContainerName }
      ]
    }
    minimumTlsVersion: 'TLS1_2'
  }
}

// Service Bus (Standard: duplicate detection needs Standard or Premium). Local (SAS) auth off.
// AVM parameters checked in Azure/bicep-registry-modules : avm/res/service-bus/namespace/main.bicep (0.16.x:
// skuObject { name }, zoneRedundant, disableLocalAuth, queues[] (queueType: name, requiresDuplicateDetection,
// duplicateDetectionHistoryTimeWindow, lockDuration, maxDeliveryCount, deadLetteringOnMessageExpiration),
// topics[] (topicType: name, requiresDuplicateDetection, duplicateDetectionHistoryTimeWindow, subscriptions[]);
// outputs name) and avm/res/service-bus/namespace/topic/main.bicep (subscriptionType: name, autoDeleteOnIdle,
// lockDuration, maxDeliveryCount, deadLetteringOnMessageExpiration).
// - zoneRedundant defaults to true in that module, which needs Premium: set false for Standard.
// - authorizationRules stays at its default (RootManageSharedAccessKey): the module's secure outputs call listkeys
//   on that rule, and with disableLocalAuth no SAS key is accepted anyway.
// - autoDeleteOnIdle is set explicitly on the subscription: older versions of the topic/subscription child module
//   default it to PT1H, which would delete the dispatch subscription after an idle hour.
// - requiresDuplicateDetection can only be chosen when an entity is created.
module serviceBus 'br/public:avm/res/service-bus/namespace:0.16.1' = {
  name: 'serviceBus'
  scope: rg
  params: {
    name: sbName
    location: location
    tags: tags
    skuObject: {
      name: 'Standard'
    }
    zoneRedundant: false
    disableLocalAuth: true
    queues: [
      {
        // Webhooks send with MessageId = SHA-256 of kind, source and body; redeliveries inside the window are dropped.
        name: mentionsQueueName
        requiresDuplicateDetection: true
        duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
        lockDuration: 'PT1M'
        maxDeliveryCount: 10
        deadLetteringOnMessageExpiration: true
      }
    ]
    topics: [
      {
        // The outbox runner (functions/Adapters/EffectsRunner.cs) publishes with MessageId = alert id: a re-executed outbox does not page twice.
        name: alertsTopicName
        requiresDuplicateDetection: true
        duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
        subscriptions: [
          {
            // DispatchAlert: [ServiceBusTrigger("%AlertsTopicName%", "%AlertsSubscriptionName%")] in functions/Triggers/DispatchAlert.cs.
            name: alertsSubscriptionName
            autoDeleteOnIdle: 'P10675199DT2H48M5.4775807S' // never (TimeSpan.MaxValue, the service default)
            lockDuration: 'PT1M'
            maxDeliveryCount: 10
            deadLetteringOnMessageExpiration: true
          }
        ]
      }
    ]
  }
}

// Azure AI Language for sentiment: custom subdomain (Entra ID tokens are only accepted on it), local auth off.
// AVM parameters checked in Azure/bicep-registry-modules : avm/res/cognitive-services/account/main.bicep
// (name, kind (allowed list has 'TextAnalytics'), sku (allowed list has 'F0' and 'S'), location, tags,
// customSubDomainName, disableLocalAuth, publicNetworkAccess; outputs name, endpoint); version 0.13.0 from its
// CHANGELOG.md. publicNetworkAccess is set explicitly: the module disables it when neither it nor networkAcls is given.
module language 'br/public:avm/res/cognitive-services/account:0.13.0' = {
  name: 'language'
  scope: rg
  params: {
    name: languageName
    kind: 'TextAnalytics'
    sku: languageSku
    location: location
    tags: tags
    customSubDomainName: languageName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

// Log Analytics + workspace-based Application Insights with local auth off (ingestion with Entra ID through
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING). AVM parameters as Azure-Samples/durable-functions-quickstart-dotnet-azd :
// infra/main.bicep (workspace: name, location, tags, dataRetention; output resourceId. component: name, location,
// tags, workspaceResourceId, disableLocalAuth; output name), the versions the HTTP quickstart uses too.
module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'logAnalytics'
  scope: rg
  params: {
    name: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module monitoring 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'monitoring'
  scope: rg
  params: {
    name: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
  }
}

// Every data-plane role the app's identity needs (and, optionally, the deploying principal).
module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    languageAccountName: language.outputs.name
    managedIdentityPrincipalId: appIdentity.outputs.principalId
    userIdentityPrincipalId: principalId
    userIdentityPrincipalType: principalType
    allowUserIdentityPrincipal: storageEndpointConfig.allowUserIdentityPrincipal
    enableBlob: storageEndpointConfig.enableBlob
    enableQueue: storageEndpointConfig.enableQueue
    enableTable: storageEndpointConfig.enableTable
  }
}

var extraAppSettings = empty(socialSlaSettingsBase64) ? {} : json(base64ToString(socialSlaSettingsBase64))

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    name: appName
    location: location
    tags: tags
    serviceName: 'functions'
    appServicePlanId: appServicePlan.outputs.resourceId
    storageAccountName: storage.outputs.name
    deploymentStorageContainerName: deploymentStorageContainerName
    applicationInsightsName: monitoring.outputs.name
    identityId: appIdentity.outputs.resourceId
    identityClientId: appIdentity.outputs.clientId
    enableBlob: storageEndpointConfig.enableBlob
    enableQueue: storageEndpointConfig.enableQueue
    enableTable: storageEndpointConfig.enableTable
    serviceBusFullyQualifiedNamespace: '${serviceBus.outputs.name}.servicebus.windows.net'
    mentionsQueueName: mentionsQueueName
    alertsTopicName: alertsTopicName
    alertsSubscriptionName: alertsSubscriptionName
    kpiTableName: kpiTableName
    cursorTableName: cursorTableName
    pipelineTableName: pipelineTableName
    alertTableName: alertTableName
    languageEndpoint: 'https://${language.outputs.name}.cognitiveservices.azure.com/'
    durableAlwaysReadyInstanceCount: durableAlwaysReadyInstanceCount
    maximumInstanceCount: maximumInstanceCount
    disableDotnetIsolatedPlaceholder: disableDotnetIsolatedPlaceholder
    appSettings: extraAppSettings
  }
  // Roles first, so the app's first start (and the host's storage, queue and Service Bus listeners) does not fail
  // on missing permissions.
  dependsOn: [
    rbac
  ]
}

// Outputs azd stores in .azure/<env>/.env (the quickstart's set, named for the `functions` service, plus what a
// developer needs to point local.settings.json at the deployed resources).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output AZURE_FUNCTION_NAME string = functions.outputs.name
output AZURE_FUNCTION_URL string = functions.outputs.url
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = appIdentity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.name
output AZURE_SERVICEBUS_FULLY_QUALIFIED_NAMESPACE string = '${serviceBus.outputs.name}.servicebus.windows.net'
output AZURE_LANGUAGE_ENDPOINT string = 'https://${language.outputs.name}.cognitiveservices.azure.com/'
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.name
