// The operators' portal (src/portal): a Static Web App that signs users in with Entra ID (the app registration named by
// the parameters; its secret is a Key Vault reference resolved with the site's own identity) and forwards /api/* to the
// api Function app linked as its backend, adding the signed-in user's x-ms-client-principal. Linking turns on App
// Service Authentication on that Function app with this site as its only accepted caller. Linked backends and Key Vault
// references need the Standard plan.
param name string
param location string
param tags object = {}
param serviceName string = 'portal'
param backendResourceId string
param backendLocation string
param keyVaultUri string

@description('Client (application) id of the Entra app registration users sign in with.')
param signInClientId string

resource staticWebApp 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    allowConfigFileUpdates: true
  }
}

// The names staticwebapp.config.json's auth.identityProviders.azureActiveDirectory.registration refers to
// (clientIdSettingName, clientSecretSettingName); the tenant goes into its openIdIssuer at deploy (azure.yaml hook).
resource settings 'Microsoft.Web/staticSites/config@2023-12-01' = {
  parent: staticWebApp
  name: 'appsettings'
  properties: {
    AZURE_CLIENT_ID: signInClientId
    AZURE_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/portal-client-secret/)'
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2023-12-01' = {
  parent: staticWebApp
  name: 'backend'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}

output name string = staticWebApp.name
output uri string = 'https://${staticWebApp.properties.defaultHostname}'
output principalId string = staticWebApp.identity.principalId
