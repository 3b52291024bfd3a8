using System.Net;
using Azure;
using Azure.Data.Tables;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// One table of one concern, with optimistic concurrency: every update is a read, a change of the fresh entity and a write
/// conditioned on its ETag (an insert when there was none); a write that lost the race is tried again with the entity the
/// winner left. Unreachable endpoints surface as <see cref="StorageUnavailableException"/> naming the endpoint.
/// </summary>
internal sealed class EntityTable<T>(TableClient table, Uri endpoint, int maxConflictRetries) where T : class, ITableEntity, new()
{
    private const string Service = "Table storage";

    /// <summary>The table's name.</summary>
    public string Name => table.Name;

    /// <summary>One point read; null when there is no such entity.</summary>
    public Task<T?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        CallAsync($"reading from table {table.Name}", () => ReadAsync(partitionKey, rowKey, cancellationToken));

    /// <summary>Every entity of one partition (a single-partition query).</summary>
    public Task<List<T>> ListAsync(string partitionKey, CancellationToken cancellationToken) =>
        CallAsync($"listing table {table.Name}", async () =>
        {
            var entities = new List<T>();
            await foreach (var entity in table.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
            {
                entities.Add(entity);
            }
            return entities;
        });

    /// <summary>
    /// Applies <paramref name="change"/> to the fresh entity (null when there is none) and writes the result under the fresh
    /// entity's ETag; <paramref name="change"/> returns null to leave the entity as it is. Returns what is stored afterwards.
    /// </summary>
    public Task<T?> UpdateAsync(string partitionKey, string rowKey, Func<T?, T?> change, CancellationToken cancellationToken) =>
        CallAsync($"writing to table {table.Name}", async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var fresh = await ReadAsync(partitionKey, rowKey, cancellationToken);
                if (change(fresh) is not { } next)
                {
                    return fresh;
                }
                next.PartitionKey = partitionKey;
                next.RowKey = rowKey;
                try
                {
                    if (fresh is null)
                    {
                        await table.AddEntityAsync(next, cancellationToken);
                    }
                    else
                    {
                        await table.UpdateEntityAsync(next, fresh.ETag, TableUpdateMode.Replace, cancellationToken);
                    }
                    return next;
                }
                catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed
                    && attempt < maxConflictRetries)
                {
                    // Another writer changed (or created) the entity since it was read: read it again and reapply the change.
                }
            }
        });

    /// <summary>Deletes the entity if its ETag is still <paramref name="etag"/> (any when null); false when it was not there.</summary>
    public Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? etag, CancellationToken cancellationToken) =>
        CallAsync($"deleting from table {table.Name}", async () =>
        {
            try
            {
                var response = await table.DeleteEntityAsync(partitionKey, rowKey, etag ?? ETag.All, cancellationToken);
                return response.Status != (int)HttpStatusCode.NotFound;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    /// <summary>Creates the table unless it exists.</summary>
    public Task CreateAsync(CancellationToken cancellationToken) =>
        CallAsync($"creating table {table.Name}", async () => await table.CreateIfNotExistsAsync(cancellationToken));

    private async Task<T?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task<TResult> CallAsync<TResult>(string operation, Func<Task<TResult>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (StorageUnavailableException.Is(ex))
        {
            throw StorageUnavailableException.For(Service, endpoint, operation, ex);
        }
    }
}
