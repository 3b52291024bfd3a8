// Provider secrets (Graph client secret, Gmail private key / OAuth client secret / refresh token, WhatsApp app secret,
// access token and verify token). Access is Azure RBAC only; the Function app reads them as Key Vault references.
// Bicep creates no secret: their values never pass through a template (README: az keyvault secret set).
param name string
param location string = resourceGroup().location
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
