using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// Graph subscriptions and Gmail watches, each in its own table partitioned by workspace, plus a lookup table partitioned by
/// subscription id so a notification (which names only the subscription) finds its workspace, clientState and expiry with one
/// point read. Saving writes the workspace row first and the lookup second; deleting removes the lookup first: a lookup never
/// points at a subscription that is not there. The lookup's change refuses an id another workspace owns, so two workspaces
/// racing for one id cannot both win.
/// </summary>
internal sealed class TableSubscriptionStore(
    EntityTable<SubscriptionEntity> graphSubscriptions, EntityTable<SubscriptionEntity> gmailWatches, EntityTable<SubscriptionEntity> lookups) : ISubscriptionStore
{
    // The lookup table has one row per partition.
    private const string LookupRow = "subscription";

    public async Task<ProviderSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        return await lookups.GetAsync(TableKeys.For(subscriptionId), LookupRow, cancellationToken) is { } row && row.Id == subscriptionId
            ? row.ToSubscription()
            : null;
    }

    public async Task<IReadOnlyList<ProviderSubscription>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        var partition = TableKeys.For(workspaceId);
        var graph = await graphSubscriptions.ListAsync(partition, cancellationToken);
        var gmail = await gmailWatches.ListAsync(partition, cancellationToken);
        return graph.Concat(gmail).Select(r => r.ToSubscription()).Where(s => s.WorkspaceId == workspaceId)
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentException.ThrowIfNullOrEmpty(subscription.WorkspaceId);
        var lookupKey = TableKeys.For(subscription.Id);
        if (await lookups.GetAsync(lookupKey, LookupRow, cancellationToken) is { } owned && owned.WorkspaceId != subscription.WorkspaceId)
        {
            throw OwnedElsewhere(subscription);
        }
        var table = TableOf(subscription.Provider);
        await table.UpdateAsync(TableKeys.For(subscription.WorkspaceId), TableKeys.For(subscription.Id), _ => SubscriptionEntity.From(subscription), cancellationToken);
        await lookups.UpdateAsync(lookupKey, LookupRow, fresh => fresh is not null && fresh.WorkspaceId != subscription.WorkspaceId
            ? throw OwnedElsewhere(subscription)
            : SubscriptionEntity.From(subscription), cancellationToken);
    }

    public async Task<bool> DeleteAsync(string workspaceId, string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var partition = TableKeys.For(workspaceId);
        var row = TableKeys.For(subscriptionId);
        var table = await graphSubscriptions.GetAsync(partition, row, cancellationToken) is not null ? graphSubscriptions
            : await gmailWatches.GetAsync(partition, row, cancellationToken) is not null ? gmailWatches
            : null;
        if (table is null)
        {
            return false;
        }
        var lookupKey = TableKeys.For(subscriptionId);
        if (await lookups.GetAsync(lookupKey, LookupRow, cancellationToken) is { } lookup && lookup.WorkspaceId == workspaceId)
        {
            await lookups.DeleteAsync(lookupKey, LookupRow, lookup.ETag, cancellationToken);
        }
        return await table.DeleteAsync(partition, row, null, cancellationToken);
    }

    private EntityTable<SubscriptionEntity> TableOf(string provider) =>
        string.Equals(provider, "Gmail", StringComparison.OrdinalIgnoreCase) ? gmailWatches : graphSubscriptions;

    private static InvalidOperationException OwnedElsewhere(ProviderSubscription subscription) => new(
        $"Subscription '{subscription.Id}' already belongs to another workspace; it cannot be saved for workspace '{subscription.WorkspaceId}'.");
}
