using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>Subscriptions in memory (the SQLite store is another helper's).</summary>
public sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProviderSubscription> _subscriptions = [];

    public Task<ProviderSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.GetValueOrDefault(subscriptionId));
        }
    }

    public Task<IReadOnlyList<ProviderSubscription>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ProviderSubscription>>([.. _subscriptions.Values.Where(s => s.WorkspaceId == workspaceId)]);
        }
    }

    public Task SaveAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _subscriptions[subscription.Id] = subscription;
        }
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string workspaceId, string subscriptionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.TryGetValue(subscriptionId, out var found) && found.WorkspaceId == workspaceId
                && _subscriptions.Remove(subscriptionId));
        }
    }
}
