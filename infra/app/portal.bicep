// The operators' portal (src/portal), with the Function app linked as its backend: Static Web Apps forwards /api/* to
// it with the signed-in user's x-ms-client-principal. Linked backends need the Standard plan.
param name string
param location string
param tags object = {}
param serviceName string = 'portal'
param backendResourceId string
param backendLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    allowConfigFileUpdates: true
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
