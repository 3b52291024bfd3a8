using OpsHelm.Core.Sources;

namespace OpsHelm.Core.Ports;

/// <summary>Graph subscriptions and Gmail watches, with their secrets and expiries.</summary>
public interface ISubscriptionStore
{
    /// <summary>
    /// The subscription with the provider's id, whatever its workspace (a notification names only the subscription);
    /// null when unknown.
    /// </summary>
    Task<ProviderSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Every subscription of the workspace.</summary>
    Task<IReadOnlyList<ProviderSubscription>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a subscription.</summary>
    Task SaveAsync(ProviderSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Forgets a subscription; false when it was not there.</summary>
    Task<bool> DeleteAsync(string workspaceId, string subscriptionId, CancellationToken cancellationToken);
}
