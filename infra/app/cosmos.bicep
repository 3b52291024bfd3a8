// Cosmos DB for NoSQL, serverless, Entra ID only, with the database and the records container the app uses
// (src/OpsHelm.Storage/Azure/Cosmos/CosmosContainers.cs: same partition key, TTL and indexing). The app does not create
// them in Azure: data-plane tokens may not write metadata here. Operational state (checkpoints, subscriptions, source
// health, incidents) is in Table storage (storage.bicep).
param name string
param location string = resourceGroup().location
param tags object = {}
param databaseName string

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      { name: 'EnableServerless' }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Keys are off: the app's identity holds the Built-in Data Contributor role (rbac.bicep).
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// Every workspace-scoped document, one logical partition per workspace; TTL on without a default (leases and done pushes
// expire); record bodies under /data are not indexed; the composite indexes serve ORDER BY sortAt, id.
resource records 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'records'
  properties: {
    resource: {
      id: 'records'
      partitionKey: {
        paths: ['/workspaceId']
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/*' }
        ]
        excludedPaths: [
          { path: '/data/*' }
          { path: '/"_etag"/?' }
        ]
        compositeIndexes: [
          [
            { path: '/sortAt', order: 'ascending' }
            { path: '/id', order: 'ascending' }
          ]
          [
            { path: '/sortAt', order: 'descending' }
            { path: '/id', order: 'descending' }
          ]
        ]
      }
    }
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
