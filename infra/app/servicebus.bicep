// The work queue: one message per unit of work, dead-lettered after maxDeliveryCount failed deliveries or on expiry,
// so nothing is dropped silently (the dead-letter path becomes Exception records). Entra ID only.
param name string
param location string = resourceGroup().location
param tags object = {}
param queueName string
// Sessions and duplicate detection need Standard or above (Basic has neither).
@allowed(['Standard', 'Premium'])
param skuName string = 'Standard'
param maxDeliveryCount int = 5

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: queueName
  properties: {
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT5M'
    defaultMessageTimeToLive: 'P14D'
    // One session per workspace: its items are delivered in the order they were read, one at a time (pulls: session "pulls").
    requiresSession: true
    // Pull requests within one second share a message id: a burst of pushes becomes one pull.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
  }
}

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
