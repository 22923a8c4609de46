// Data-plane roles for the app's user-assigned identity and, optionally, the deploying principal.
// Pattern and the storage/monitoring role ids from Azure-Samples/functions-quickstart-dotnet-azd : infra/app/rbac.bicep
// (same file in Azure-Samples/remote-mcp-functions-dotnet : infra/app/rbac.bicep); Service Bus roles as
// Azure-Samples/functions-quickstart-dotnet-azd-service-bus (Data Owner + Data Receiver on the namespace);
// Cognitive Services User for the Language data plane. Role ids are the built-in ids listed in
// Azure/bicep-registry-modules : avm/res/service-bus/namespace/main.bicep and
// avm/res/cognitive-services/account/main.bicep (builtInRoleNames).

param storageAccountName string
param appInsightsName string
param serviceBusNamespaceName string
param languageAccountName string
@description('Principal id of the app\'s user-assigned identity.')
param managedIdentityPrincipalId string
@description('Principal id of the deploying user or service principal; empty: none.')
param userIdentityPrincipalId string = ''
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param userIdentityPrincipalType string = 'User'
param allowUserIdentityPrincipal bool = false
param enableBlob bool = true
param enableQueue bool = true
param enableTable bool = true

// Storage: host, Flex deployment package, Durable task hub (blob leases, queues, history/instances tables), and the
// KPI/cursor tables the app creates. Blob Data Owner as the quickstart (the host manages containers and leases).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Application Insights ingestion with Entra ID.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
// Service Bus: the app sends (webhooks and pulls → mentions, the outbox runner → sla-alerts) and receives (ProcessMention, DispatchAlert).
// Data Owner is what the Functions docs and the Service Bus quickstart give the trigger identity (the scale
// controller reads entity runtime properties); it includes send and receive. Receiver is kept as the quickstart does.
var serviceBusDataOwner = '090c5cfd-751d-490a-894a-3ce6f1109419'
var serviceBusDataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
// AI Language: calling the analyze-text data plane with an Entra ID token.
var cognitiveServicesUser = 'a97b65f3-24c7-4388-baec-2e87135dc908'

var storageRoles = concat(
  enableBlob ? [storageBlobDataOwner] : [],
  enableQueue ? [storageQueueDataContributor] : [],
  enableTable ? [storageTableDataContributor] : []
)
var serviceBusRoles = [
  serviceBusDataOwner
  serviceBusDataReceiver
]

var principals = concat(
  [
    {
      id: managedIdentityPrincipalId
      type: 'ServicePrincipal'
    }
  ],
  allowUserIdentityPrincipal && !empty(userIdentityPrincipalId)
    ? [
        {
          id: userIdentityPrincipalId
          type: userIdentityPrincipalType
        }
      ]
    : []
)

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource languageAccount 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: languageAccountName
}

var storageAssignments = flatten(map(principals, p => map(storageRoles, r => { principal: p, role: r })))
var serviceBusAssignments = flatten(map(principals, p => map(serviceBusRoles, r => { principal: p, role: r })))

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in storageAssignments: {
    name: guid(storageAccount.id, a.principal.id, a.role)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
      principalId: a.principal.id
      principalType: a.principal.type
    }
  }
]

resource serviceBusRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in serviceBusAssignments: {
    name: guid(serviceBusNamespace.id, a.principal.id, a.role)
    scope: serviceBusNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.role)
      principalId: a.principal.id
      principalType: a.principal.type
    }
  }
]

resource languageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for p in principals: {
    name: guid(languageAccount.id, p.id, cognitiveServicesUser)
    scope: languageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesUser)
      principalId: p.id
      principalType: p.type
    }
  }
]

resource appInsightsRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for p in principals: {
    name: guid(applicationInsights.id, p.id, monitoringMetricsPublisher)
    scope: applicationInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
      principalId: p.id
      principalType: p.type
    }
  }
]
