// The OpsHelm Function app: the Functions host on Flex Consumption, running src/OpsHelm.Functions as a custom handler
// (host.json names the executable), and every setting the app reads in Azure. Provider secrets are Key Vault references
// resolved with the user-assigned identity; the data services are reached with that identity, never with keys.
param name string
param location string = resourceGroup().location
param tags object = {}
param serviceName string = 'api'
param appServicePlanId string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param attachmentsContainerName string
param applicationInsightsName string
param cosmosEndpoint string
param cosmosDatabaseName string
param serviceBusFullyQualifiedNamespace string
param workQueueName string
param keyVaultUri string
param workspaceConfigPath string

@description('Flex Consumption stack. `custom` is the custom-handler stack (it stands for FUNCTIONS_WORKER_RUNTIME=custom, which Flex sets itself and rejects as an app setting); check `az functionapp list-flexconsumption-runtimes --location <region> --runtime custom` for the version.')
param runtimeName string = 'custom'
param runtimeVersion string = '1.0'
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

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
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

// Every setting the app reads in Azure (tests/OpsHelm.Functions.Tests/Infra/BicepSettingsTests.cs checks this block
// against local.settings.sample.json). Not set here on purpose: the emulator-only keys (OpsHelm__Cosmos__Key,
// OpsHelm__Blob__AccountKey, OpsHelm__Cosmos__LocalEmulator, GatewayMode, LimitToEndpoint), the embedded store's
// directory, the development principal's workspaces and the Graph certificate file: Azure uses the identity instead.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Functions host: its storage and Application Insights, through the identity.
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The Service Bus binding's connection ("connection": "ServiceBusConnection" in function.json).
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    // Azure.Identity's DefaultAzureCredential picks the user-assigned identity from here.
    AZURE_CLIENT_ID: identityClientId

    // The store: Cosmos DB and Blob storage with the identity; Bicep creates the database, containers and blob container.
    OpsHelm__Store: 'azure'
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

    // The work queue: items stay in Cosmos DB; Service Bus messages name them, and the ProcessWorkItem trigger takes them.
    OpsHelm__Queue__Kind: 'ServiceBus'
    OpsHelm__Queue__Workers: '2'
    OpsHelm__Queue__BatchSize: '25'
    OpsHelm__Queue__PollInterval: '00:00:02'
    OpsHelm__Queue__LeaseDuration: '00:02:00'
    OpsHelm__Queue__MaxAttempts: '5'
    OpsHelm__Queue__RetryDelay: '00:00:05'
    OpsHelm__Queue__StallAfter: '00:02:00'
    OpsHelm__Queue__FailedPullBackoff: '00:01:00'
    OpsHelm__Queue__BackfillPagesPerRun: '10'
    OpsHelm__Queue__ServiceBusNamespace: serviceBusFullyQualifiedNamespace
    OpsHelm__Queue__QueueName: workQueueName
    OpsHelm__Queue__ManagedIdentityClientId: identityClientId

    // Workspaces and access.
    OpsHelm__WorkspaceConfigs__0: workspaceConfigPath
    OpsHelm__WorkspaceRolePrefix: workspaceRolePrefix
    OpsHelm__DevelopmentPrincipal__Enabled: 'false'

    // Microsoft Graph.
    Graph__Credential__Kind: graphCredentialKind
    Graph__Credential__TenantId: graphTenantId
    Graph__Credential__ClientId: graphCredentialKind == 'ManagedIdentity' ? identityClientId : graphClientId
    Graph__Credential__ClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/graph-client-secret/)'
    Graph__Mail__PageSize: graphMailPageSize
    Graph__Mail__BootstrapDays: graphMailBootstrapDays
    Graph__Mail__ResyncDays: graphMailResyncDays
    Graph__Mail__MaxAttachmentBytes: graphMailMaxAttachmentBytes
    Graph__Calendar__UpcomingDays: graphCalendarUpcomingDays
    Graph__Subscriptions__NotificationUrl: '${baseUrl}/api/notifications/graph'
    Graph__Subscriptions__LifecycleNotificationUrl: '${baseUrl}/api/notifications/graph/lifecycle'
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
    Gmail__Push__Audience: '${baseUrl}/api/notifications/gmail'
    Gmail__Push__ServiceAccountEmail: gmailPushServiceAccountEmail

    // WhatsApp Cloud API.
    WhatsApp__AppSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-app-secret/)'
    WhatsApp__VerifyToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-verify-token/)'
    WhatsApp__AccessToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-access-token/)'
    WhatsApp__MaxMediaBytes: whatsAppMaxMediaBytes
  }
}

output name string = functionApp.name
output resourceId string = functionApp.id
output uri string = baseUrl
output graphNotificationUrl string = '${baseUrl}/api/notifications/graph'
output graphLifecycleNotificationUrl string = '${baseUrl}/api/notifications/graph/lifecycle'
output gmailPushEndpoint string = '${baseUrl}/api/notifications/gmail'
output whatsAppWebhookUrl string = '${baseUrl}/api/webhooks/whatsapp'
