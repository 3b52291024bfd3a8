using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// The ids of the workspaces that have records, as one small document each in a partition of their own
/// (<see cref="PartitionKey"/>), so listing them is a single-partition query rather than a cross-partition DISTINCT.
/// Each process registers a workspace once.
/// </summary>
internal sealed class WorkspaceRegistry(DocumentContainer records)
{
    /// <summary>The registry's partition; workspace ids beginning with '_' are refused by the store.</summary>
    public const string PartitionKey = "_workspaces";

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async Task RegisterAsync(string workspaceId, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(workspaceId))
        {
            return;
        }
        await records.UpsertAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Workspace, workspaceId),
            WorkspaceId = PartitionKey,
            Type = DocumentTypes.Workspace,
            Lookup = workspaceId,
            Data = System.Text.Json.JsonSerializer.SerializeToElement(workspaceId, CosmosJson.Options),
        }, cancellationToken);
        _known[workspaceId] = true;
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = await records.QueryAsync(PartitionKey,
            new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @pk AND c.type = @type")
                .WithParameter("@pk", PartitionKey)
                .WithParameter("@type", DocumentTypes.Workspace),
            cancellationToken);
        return documents.Select(d => d.Lookup!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Throws when <paramref name="workspaceId"/> could collide with the store's own partitions.</summary>
    public static void Check(string workspaceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        if (workspaceId.StartsWith('_'))
        {
            throw new ArgumentException($"Workspace ids beginning with '_' are reserved by the Cosmos DB store (was '{workspaceId}').", nameof(workspaceId));
        }
    }
}
