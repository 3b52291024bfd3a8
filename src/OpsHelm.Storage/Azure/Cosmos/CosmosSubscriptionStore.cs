using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// Subscriptions written twice: in the workspace's partition of the records container (listing a workspace's subscriptions is a
/// single-partition query) and in the subscriptions container partitioned by <c>/id</c>, where a notification's subscription id
/// finds its workspace with one point read — never a cross-partition query. Saving writes the workspace copy first and the
/// lookup second; deleting removes the lookup first: a lookup never points at a subscription that is not there.
/// </summary>
internal sealed class CosmosSubscriptionStore(DocumentContainer records, DocumentContainer lookups) : ISubscriptionStore
{
    public async Task<ProviderSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var id = LookupId(subscriptionId);
        return await lookups.ReadAsync(id, id, cancellationToken) is { } document
            ? CosmosJson.FromData(document, StoreJson.Default.ProviderSubscription)
            : null;
    }

    public async Task<IReadOnlyList<ProviderSubscription>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var documents = await records.QueryAsync(workspaceId, DocumentQuery.Of(workspaceId, DocumentTypes.Subscription), cancellationToken);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.ProviderSubscription)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(ProviderSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        WorkspaceRegistry.Check(subscription.WorkspaceId);
        if (await FindAsync(subscription.Id, cancellationToken) is { } owned && owned.WorkspaceId != subscription.WorkspaceId)
        {
            throw new InvalidOperationException(
                $"Subscription '{subscription.Id}' already belongs to another workspace; it cannot be saved for workspace '{subscription.WorkspaceId}'.");
        }
        var data = CosmosJson.ToData(subscription, StoreJson.Default.ProviderSubscription);
        await records.UpsertAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Subscription, subscription.Id),
            WorkspaceId = subscription.WorkspaceId,
            Type = DocumentTypes.Subscription,
            SortAt = subscription.ExpiresAt.ToUnixTimeMilliseconds(),
            Data = data,
        }, cancellationToken);
        var id = LookupId(subscription.Id);
        // In the lookup container the partition key path is /id, so the envelope's partition value is the id itself.
        await lookups.UpsertAsync(new RecordDocument
        {
            Id = id,
            WorkspaceId = id,
            Type = DocumentTypes.Subscription,
            Lookup = subscription.WorkspaceId,
            Data = data,
        }, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string workspaceId, string subscriptionId, CancellationToken cancellationToken)
    {
        var recordId = DocumentIds.For(DocumentTypes.Subscription, subscriptionId);
        if (await records.ReadAsync(workspaceId, recordId, cancellationToken) is null)
        {
            return false;
        }
        var id = LookupId(subscriptionId);
        if (await lookups.ReadAsync(id, id, cancellationToken) is { Lookup: var owner } lookup && owner == workspaceId)
        {
            await lookups.DeleteAsync(id, id, lookup.ETag, cancellationToken);
        }
        return await records.DeleteAsync(workspaceId, recordId, null, cancellationToken);
    }

    private static string LookupId(string subscriptionId) => DocumentIds.For(DocumentTypes.Subscription, subscriptionId);
}
