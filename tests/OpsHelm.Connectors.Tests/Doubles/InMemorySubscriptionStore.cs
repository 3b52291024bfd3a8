using System.Collections.Concurrent;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>Subscriptions in memory, keyed by provider id.</summary>
internal sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly ConcurrentDictionary<string, ProviderSubscription> _items = new();

    public Task<ProviderSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(subscriptionId, out var s) ? s : null);

    public Task<IReadOnlyList<ProviderSubscription>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProviderSubscription>>(_items.Values.Where(s => s.WorkspaceId == workspaceId).ToList());

    public Task SaveAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        _items[subscription.Id] = subscription;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string workspaceId, string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(subscriptionId, out var s) && s.WorkspaceId == workspaceId && _items.TryRemove(subscriptionId, out _));
}
