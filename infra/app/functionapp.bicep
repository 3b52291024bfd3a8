// One OpsHelm Function app: the .NET isolated worker (src/OpsHelm.Functions) on its own Flex Consumption plan, and every
// setting it reads in Azure. main.bicep deploys it twice from the one package, and the role decides who may call it:
//   ingest — public: the provider webhooks (Meta, Graph and Google must reach them), the timers, the notices queue and
//            the Durable orchestration; the portal functions are disabled and the app trusts no principal header.
//   api    — the portal API, linked to the Static Web App as its backend: the link turns on App Service Authentication
//            with the Static Web App as the only accepted caller, and the app trusts x-ms-client-principal only while
//            the platform reports that authentication on (README, "Who may call what").
// Provider secrets are Key Vault references resolved with the user-assigned identity; storage, Cosmos DB and Application
// Insights are reached with that identity, never with keys.
@allowed(['ingest', 'api'])
param role string
param name string
param location string = resourceGroup().location
param tags object = {}
param planName string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param attachmentsContainerName string
param storeTablePrefix string
param applicationInsightsName string
param cosmosEndpoint string
param cosmosDatabaseName string
param keyVaultUri string
param workspaceConfigPath string

@description('Base URL of the ingest app, which serves the webhooks; empty for the ingest app itself.')
param ingestBaseUrl string = ''

@description('Flex Consumption stack: the .NET isolated worker (FUNCTIONS_WORKER_RUNTIME=dotnet-isolated, which Flex sets from this and rejects as an app setting).')
param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40

// Graph (non-secret settings; the client secret is in Key Vault).
param graphCredentialKind string
param graphTenantId string
param graphClientId string
param graphMailPageSize string = '100'
param graphMailBootstrapDays string = '30'
param graphMailResyncDays string = '7'
param graphMailMaxAttachmentBytes string = '26214400'
param graphCalendarUpcomingDays string = '14'
param graphSubscriptionLifetime string = '3.00:00:00'
param graphSubscriptionRenewBefore string = '12:00:00'
param graphRetryMaxRetryAttempts string = '4'
param graphRetryMaxRetryAfter string = '00:02:00'

// Gmail (non-secret settings; the private key, OAuth client secret and refresh token are in Key Vault).
param gmailCredentialMode string
param gmailServiceAccountEmail string
param gmailOAuthClientId string
param gmailWatchTopicName string
param gmailPushServiceAccountEmail string
param gmailResyncWindow string = '7.00:00:00'
param gmailMaxAttachmentBytes string = '26214400'

// WhatsApp (the app secret, access token and verify token are in Key Vault).
param whatsAppMaxMediaBytes string = '26214400'

// The app itself.
param blobMaxAttachmentBytes string = '26214400'
param workspaceRolePrefix string = 'workspace:'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Flex Consumption runs one app per plan.
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': role })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in the app settings are resolved with this identity (Key Vault Secrets User).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

var baseUrl = 'https://${functionApp.properties.defaultHostName}'
var webhookBaseUrl = empty(ingestBaseUrl) ? baseUrl : ingestBaseUrl

// Every setting both apps read in Azure (tests/OpsHelm.Functions.Tests/Infra/BicepSettingsTests.cs checks these blocks
// against local.settings.sample.json). Not set here on purpose: the emulator-only keys (OpsHelm__Cosmos__Key,
// OpsHelm__Blob__AccountKey, OpsHelm__Cosmos__LocalEmulator, GatewayMode, LimitToEndpoint), the embedded store's
// directory, the development principal's workspaces and the Graph certificate file: Azure uses the identity instead.
var sharedSettings = {
  // Functions host, Durable task hub (host.json: hubName OpsHelm) and the opshelm-notices queue: the app's storage
  // account through the identity (Storage Blob Data Owner, Queue Data Contributor, Table Data Contributor; rbac.bicep).
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Azure.Identity's DefaultAzureCredential picks the user-assigned identity from here.
  AZURE_CLIENT_ID: identityClientId

  // The store: Cosmos DB (records), Blob storage (attachments) and Table storage (operational state) with the identity;
  // Bicep creates the database, container, blob container and tables.
  OpsHelm__Store: 'azure'
  OpsHelm__Tables__TableServiceUri: storage.properties.primaryEndpoints.table
  OpsHelm__Tables__ManagedIdentityClientId: identityClientId
  OpsHelm__Tables__TablePrefix: storeTablePrefix
  OpsHelm__Tables__CreateTablesAtStartup: 'false'
  OpsHelm__Cosmos__Endpoint: cosmosEndpoint
  OpsHelm__Cosmos__Database: cosmosDatabaseName
  OpsHelm__Cosmos__ManagedIdentityClientId: identityClientId
  // Entra ID tokens may not create databases or containers (disableKeyBasedMetadataWriteAccess); cosmos.bicep does.
  OpsHelm__Cosmos__CreateContainersAtStartup: 'false'
  OpsHelm__Cosmos__ServerSideOrderBy: 'true'
  OpsHelm__Blob__Endpoint: storage.properties.primaryEndpoints.blob
  OpsHelm__Blob__AccountName: storageAccountName
  OpsHelm__Blob__ManagedIdentityClientId: identityClientId
  OpsHelm__Blob__Container: attachmentsContainerName
  OpsHelm__Blob__CreateContainerAtStartup: 'false'
  OpsHelm__Blob__MaxAttachmentBytes: blobMaxAttachmentBytes

  // Workspaces and access.
  OpsHelm__WorkspaceConfigs__0: workspaceConfigPath
  OpsHelm__WorkspaceRolePrefix: workspaceRolePrefix
  OpsHelm__DevelopmentPrincipal__Enabled: 'false'

  // Microsoft Graph. The notification URLs are the ingest app's, whichever app reads them.
  Graph__Credential__Kind: graphCredentialKind
  Graph__Credential__TenantId: graphTenantId
  Graph__Credential__ClientId: graphCredentialKind == 'ManagedIdentity' ? identityClientId : graphClientId
  Graph__Credential__ClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/graph-client-secret/)'
  Graph__Mail__PageSize: graphMailPageSize
  Graph__Mail__BootstrapDays: graphMailBootstrapDays
  Graph__Mail__ResyncDays: graphMailResyncDays
  Graph__Mail__MaxAttachmentBytes: graphMailMaxAttachmentBytes
  Graph__Calendar__UpcomingDays: graphCalendarUpcomingDays
  Graph__Subscriptions__NotificationUrl: '${webhookBaseUrl}/api/notifications/graph'
  Graph__Subscriptions__LifecycleNotificationUrl: '${webhookBaseUrl}/api/notifications/graph/lifecycle'
  Graph__Subscriptions__Lifetime: graphSubscriptionLifetime
  Graph__Subscriptions__RenewBefore: graphSubscriptionRenewBefore
  Graph__Retry__MaxRetryAttempts: graphRetryMaxRetryAttempts
  Graph__Retry__MaxRetryAfter: graphRetryMaxRetryAfter

  // Gmail.
  Gmail__Credential__Mode: gmailCredentialMode
  Gmail__Credential__ServiceAccountEmail: gmailServiceAccountEmail
  Gmail__Credential__PrivateKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/gmail-private-key/)'
  Gmail__Credential__ClientId: gmailOAuthClientId
  Gmail__Credential__ClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/gmail-client-secret/)'
  Gmail__Credential__RefreshToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/gmail-refresh-token/)'
  Gmail__WatchTopicName: gmailWatchTopicName
  Gmail__ResyncWindow: gmailResyncWindow
  Gmail__MaxAttachmentBytes: gmailMaxAttachmentBytes
  Gmail__Push__VerifyToken: 'true'
  Gmail__Push__Audience: '${webhookBaseUrl}/api/notifications/gmail'
  Gmail__Push__ServiceAccountEmail: gmailPushServiceAccountEmail

  // WhatsApp Cloud API.
  WhatsApp__AppSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-app-secret/)'
  WhatsApp__VerifyToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-verify-token/)'
  WhatsApp__AccessToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-access-token/)'
  WhatsApp__MaxMediaBytes: whatsAppMaxMediaBytes
}

// The public app: webhooks, timers, the notices queue and the Durable orchestration. Nothing here answers a portal
// route, and no principal header is believed.
var ingestSettings = {
  OpsHelm__PrincipalSource: 'None'
  'AzureWebJobs.ListWorkspaces.Disabled': 'true'
  'AzureWebJobs.StartIngest.Disabled': 'true'
  'AzureWebJobs.ListRuns.Disabled': 'true'
  'AzureWebJobs.GetRun.Disabled': 'true'
  'AzureWebJobs.ListExceptions.Disabled': 'true'
  'AzureWebJobs.TriageException.Disabled': 'true'
  'AzureWebJobs.ListTickets.Disabled': 'true'
  'AzureWebJobs.GetTicket.Disabled': 'true'
  'AzureWebJobs.ListTasks.Disabled': 'true'
  'AzureWebJobs.ListCommitments.Disabled': 'true'
  'AzureWebJobs.ListMeetings.Disabled': 'true'
  'AzureWebJobs.DismissMeeting.Disabled': 'true'
  'AzureWebJobs.ListConversations.Disabled': 'true'
  'AzureWebJobs.ListSources.Disabled': 'true'
  'AzureWebJobs.DownloadAttachment.Disabled': 'true'
  'AzureWebJobs.SearchMessages.Disabled': 'true'
  'AzureWebJobs.GetMessage.Disabled': 'true'
}

// The Static Web App's backend: the portal routes only. It is a Durable client of the ingest app's task hub (same
// storage account, same hub name), so it runs no orchestrator, activity, timer, queue trigger or webhook itself.
var apiSettings = {
  OpsHelm__PrincipalSource: 'LinkedStaticWebApp'
  'AzureWebJobs.GraphNotifications.Disabled': 'true'
  'AzureWebJobs.GraphLifecycleNotifications.Disabled': 'true'
  'AzureWebJobs.GmailPush.Disabled': 'true'
  'AzureWebJobs.WhatsAppWebhook.Disabled': 'true'
  'AzureWebJobs.InboundNotice.Disabled': 'true'
  'AzureWebJobs.InboundNoticePoison.Disabled': 'true'
  'AzureWebJobs.Poll.Disabled': 'true'
  'AzureWebJobs.RenewGraphSubscriptions.Disabled': 'true'
  'AzureWebJobs.RenewGmailWatches.Disabled': 'true'
  'AzureWebJobs.Sweep.Disabled': 'true'
  'AzureWebJobs.IngestionOrchestrator.Disabled': 'true'
  'AzureWebJobs.PullPage.Disabled': 'true'
  'AzureWebJobs.ProcessMessage.Disabled': 'true'
  'AzureWebJobs.RecordProcessingFailure.Disabled': 'true'
  'AzureWebJobs.CommitCheckpoints.Disabled': 'true'
  'AzureWebJobs.FinalizeRun.Disabled': 'true'
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(sharedSettings, role == 'ingest' ? ingestSettings : apiSettings)
}

output name string = functionApp.name
output resourceId string = functionApp.id
output uri string = baseUrl
