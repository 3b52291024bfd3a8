using Azure.Core;
using Azure.Identity;

namespace OpsHelm.Storage.Azure;

/// <summary>The Entra ID credential the Azure data services (Cosmos DB, Blob, Service Bus) are reached with.</summary>
public static class AzureCredentials
{
    /// <summary>The user-assigned managed identity <paramref name="managedIdentityClientId"/> (in Azure), or the default chain when none is set (a developer's sign-in).</summary>
    public static TokenCredential For(string? managedIdentityClientId) => string.IsNullOrWhiteSpace(managedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
}
