targetScope = 'subscription'

// OpsHelm on Azure: the Functions app (a custom handler on Flex Consumption), Cosmos DB, Blob storage, a Service Bus
// work queue, Key Vault for provider secrets, the portal (Static Web App linked to the Function app), monitoring, and one
// user-assigned identity that reaches every data service through Entra ID role assignments (no keys anywhere).

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource but the Static Web App; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Region of the Static Web App (Static Web Apps run in a few regions only; the content is served globally).')
@allowed(['centralus', 'eastasia', 'eastus2', 'westeurope', 'westus2'])
param staticWebAppLocation string = 'eastus2'

@description('Object id of the user running azd: may set Key Vault secrets and read the data while troubleshooting. Empty for none.')
param principalId string = ''

// Name overrides; empty means the abbreviation plus the resource token.
param resourceGroupName string = ''
param apiServiceName string = ''
param apiUserAssignedIdentityName string = ''
param appServicePlanName string = ''
param applicationInsightsName string = ''
param logAnalyticsName string = ''
param storageAccountName string = ''
param cosmosAccountName string = ''
param serviceBusNamespaceName string = ''
param keyVaultName string = ''
param staticWebAppName string = ''

@description('The workspace configuration file the app loads (OpsHelm__WorkspaceConfigs__0); the api package ships one under workspaces/.')
param workspaceConfigPath string = '/home/site/wwwroot/workspaces/workspace.json'

@description('How the app authenticates to Microsoft Graph: ClientSecret (the app registration\'s secret, from Key Vault) or ManagedIdentity (the app\'s user-assigned identity, granted Graph application permissions).')
@allowed(['ClientSecret', 'ManagedIdentity'])
param graphCredentialKind string = 'ClientSecret'

@description('Entra tenant of the Graph app registration; empty means the tenant deployed to.')
param graphTenantId string = ''

@description('Client (application) id of the Graph app registration (ignored with ManagedIdentity).')
param graphClientId string

@description('How the app authenticates to Gmail: ServiceAccount (domain-wide delegation, private key from Key Vault) or OAuth (client id here, client secret and refresh token from Key Vault).')
@allowed(['ServiceAccount', 'OAuth'])
param gmailCredentialMode string = 'ServiceAccount'

@description('The Google service account (ServiceAccount mode); empty when Gmail is not used.')
param gmailServiceAccountEmail string = ''

@description('The Google OAuth client id (OAuth mode); empty otherwise.')
param gmailOAuthClientId string = ''

@description('The Pub/Sub topic Gmail watch publishes to, projects/<project>/topics/<topic>; empty when Gmail is not used.')
param gmailWatchTopicName string = ''

@description('The service account the Pub/Sub push subscription signs its OIDC tokens with; empty when Gmail is not used.')
param gmailPushServiceAccountEmail string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = !empty(apiServiceName) ? apiServiceName : '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var attachmentsContainerName = 'attachments'
var cosmosDatabaseName = 'opshelm'
var workQueueName = 'work-items'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The Function app's identity; rbac.bicep grants it exactly what the app and the Functions host use.
module apiIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'apiUserAssignedIdentity'
  scope: rg
  params: {
    name: !empty(apiUserAssignedIdentityName) ? apiUserAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

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
  name: 'applicationInsights'
  scope: rg
  params: {
    name: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    // Telemetry is sent with the identity's token (Monitoring Metrics Publisher), not the instrumentation key alone.
    disableLocalAuth: true
  }
}

// Host storage (AzureWebJobsStorage), the deployment package container and the attachments container; Entra ID only.
module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        { name: deploymentContainerName }
        { name: attachmentsContainerName }
      ]
    }
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: !empty(cosmosAccountName) ? cosmosAccountName : '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'serviceBus'
  scope: rg
  params: {
    name: !empty(serviceBusNamespaceName) ? serviceBusNamespaceName : '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    queueName: workQueueName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    attachmentsContainerName: attachmentsContainerName
    applicationInsightsName: monitoring.outputs.name
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    workQueueName: workQueueName
    keyVaultUri: keyVault.outputs.uri
    workspaceConfigPath: workspaceConfigPath
    graphCredentialKind: graphCredentialKind
    graphTenantId: !empty(graphTenantId) ? graphTenantId : tenant().tenantId
    graphClientId: graphClientId
    gmailCredentialMode: gmailCredentialMode
    gmailServiceAccountEmail: gmailServiceAccountEmail
    gmailOAuthClientId: gmailOAuthClientId
    gmailWatchTopicName: gmailWatchTopicName
    gmailPushServiceAccountEmail: gmailPushServiceAccountEmail
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    managedIdentityPrincipalId: apiIdentity.outputs.principalId
    userPrincipalId: principalId
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.name
    cosmosDatabaseName: cosmosDatabaseName
    serviceBusNamespaceName: serviceBus.outputs.name
    workQueueName: workQueueName
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.name
  }
}

module portal 'app/portal.bicep' = {
  name: 'portal'
  scope: rg
  params: {
    name: !empty(staticWebAppName) ? staticWebAppName : '${abbrs.webStaticSites}${resourceToken}'
    location: staticWebAppLocation
    tags: tags
    backendResourceId: api.outputs.resourceId
    backendLocation: location
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_PORTAL_NAME string = portal.outputs.name
output SERVICE_PORTAL_URI string = portal.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output GRAPH_NOTIFICATION_URL string = api.outputs.graphNotificationUrl
output GRAPH_LIFECYCLE_NOTIFICATION_URL string = api.outputs.graphLifecycleNotificationUrl
output GMAIL_PUSH_ENDPOINT string = api.outputs.gmailPushEndpoint
output WHATSAPP_WEBHOOK_URL string = api.outputs.whatsAppWebhookUrl
