targetScope = 'subscription'

// OpsHelm on Azure: two Function apps from the one .NET isolated-worker package on Flex Consumption — `ingest` (public:
// provider webhooks, timers, the opshelm-notices queue and the Durable orchestration) and `api` (the portal API, reachable
// only through the Static Web App it is linked to) — Cosmos DB, one storage account (host storage, Durable task hub,
// notices queue, store tables, attachments), Key Vault for secrets, the portal (Static Web App signing users in with
// Entra ID), monitoring, and one user-assigned identity that reaches every data service through Entra ID role
// assignments (no keys anywhere). README "Deploy to Azure" gives the reasons for the split and their sources.

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
param ingestServiceName string = ''
param apiServiceName string = ''
param apiUserAssignedIdentityName string = ''
param applicationInsightsName string = ''
param logAnalyticsName string = ''
param storageAccountName string = ''
param cosmosAccountName string = ''
param keyVaultName string = ''
param staticWebAppName string = ''

@description('The workspace configuration file the app loads (OpsHelm__WorkspaceConfigs__0); the api package ships one under workspaces/.')
param workspaceConfigPath string = '/home/site/wwwroot/workspaces/workspace.json'

@description('How the app authenticates to Microsoft Graph: ClientSecret (the app registration\'s secret, from Key Vault) or ManagedIdentity (the app\'s user-assigned identity, granted Graph application permissions).')
@allowed(['ClientSecret', 'ManagedIdentity'])
param graphCredentialKind string = 'ClientSecret'

@description('Entra tenant users sign in to the portal from; empty means the tenant deployed to.')
param portalTenantId string = ''

@description('Client (application) id of the Entra app registration the portal signs users in with (its secret: Key Vault secret portal-client-secret).')
param portalClientId string

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
var ingestAppName = !empty(ingestServiceName) ? ingestServiceName : '${abbrs.webSitesFunctions}ingest-${resourceToken}'
var apiAppName = !empty(apiServiceName) ? apiServiceName : '${abbrs.webSitesFunctions}api-${resourceToken}'
var ingestDeploymentContainerName = 'app-package-${take(ingestAppName, 32)}-${take(toLower(uniqueString(ingestAppName, resourceToken)), 7)}'
var apiDeploymentContainerName = 'app-package-${take(apiAppName, 32)}-${take(toLower(uniqueString(apiAppName, resourceToken)), 7)}'
var signInTenantId = !empty(portalTenantId) ? portalTenantId : tenant().tenantId
var attachmentsContainerName = 'attachments'
var cosmosDatabaseName = 'opshelm'
// The store's Table storage: one table per concern, named prefix + concern (OpsHelm.Storage TableStore.Tables).
var storeTablePrefix = 'opshelm'
var storeTableConcerns = ['checkpoints', 'graphsubscriptions', 'gmailwatches', 'subscriptionids', 'sourcehealth', 'incidents']

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module apiIdentity 'app/identity.bicep' = {
  name: 'apiUserAssignedIdentity'
  scope: rg
  params: {
    name: !empty(apiUserAssignedIdentityName) ? apiUserAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: [ingestDeploymentContainerName, apiDeploymentContainerName, attachmentsContainerName]
    // The notices queue the webhooks write and InboundNotice reads, and its poison queue (InboundNoticePoison).
    queueNames: ['opshelm-notices', 'opshelm-notices-poison']
    tableNames: [for concern in storeTableConcerns: '${storeTablePrefix}${concern}']
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

module keyVault 'app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
  }
}

// The public app: provider webhooks, timers, the notices queue, the Durable orchestration; no portal function.
module ingest 'app/functionapp.bicep' = {
  name: 'ingest'
  scope: rg
  params: {
    role: 'ingest'
    name: ingestAppName
    planName: '${abbrs.webServerFarms}ingest-${resourceToken}'
    deploymentContainerName: ingestDeploymentContainerName
    location: location
    tags: tags
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    attachmentsContainerName: attachmentsContainerName
    storeTablePrefix: storeTablePrefix
    applicationInsightsName: monitoring.outputs.name
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
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

// The portal API: linked to the Static Web App, which is then its only accepted caller.
module api 'app/functionapp.bicep' = {
  name: 'api'
  scope: rg
  params: {
    role: 'api'
    name: apiAppName
    planName: '${abbrs.webServerFarms}api-${resourceToken}'
    deploymentContainerName: apiDeploymentContainerName
    ingestBaseUrl: ingest.outputs.uri
    location: location
    tags: tags
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    attachmentsContainerName: attachmentsContainerName
    storeTablePrefix: storeTablePrefix
    applicationInsightsName: monitoring.outputs.name
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
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
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.name
    portalPrincipalId: portal.outputs.principalId
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
    keyVaultUri: keyVault.outputs.uri
    signInClientId: portalClientId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_INGEST_NAME string = ingest.outputs.name
output SERVICE_INGEST_URI string = ingest.outputs.uri
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_PORTAL_NAME string = portal.outputs.name
output SERVICE_PORTAL_URI string = portal.outputs.uri
// Read by the portal's postbuild hook (azure.yaml) into staticwebapp.config.json's openIdIssuer.
output PORTAL_SIGN_IN_TENANT_ID string = signInTenantId
output PORTAL_SIGN_IN_REDIRECT_URI string = '${portal.outputs.uri}/.auth/login/aad/callback'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output GRAPH_NOTIFICATION_URL string = '${ingest.outputs.uri}/api/notifications/graph'
output GRAPH_LIFECYCLE_NOTIFICATION_URL string = '${ingest.outputs.uri}/api/notifications/graph/lifecycle'
output GMAIL_PUSH_ENDPOINT string = '${ingest.outputs.uri}/api/notifications/gmail'
output WHATSAPP_WEBHOOK_URL string = '${ingest.outputs.uri}/api/webhooks/whatsapp'
