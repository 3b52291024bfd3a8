using System.Collections.ObjectModel;
using Microsoft.Azure.Cosmos;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// The database and its records container, created at start-up when the setting asks for it. (Checkpoints, subscriptions,
/// source health and incidents live in Table storage: see <c>Tables/TableStore</c>.)
/// <list type="bullet">
/// <item><b>records</b>, partition key <c>/workspaceId</c>: every workspace-scoped record (events, tickets, thread keys, tasks,
/// commitments, exceptions, runs, the lease, pushes, archived messages). One partition per
/// workspace keeps every read and query single-partition and would let a TransactionalBatch span a message's writes.
/// EmailEvents are not given a hierarchical key (workspaceId → month): the point read by event key (HasEventAsync, the
/// idempotency check on every message) knows only the key, not the month, and an MSP engineer's workspace stays far below the
/// 20 GB logical-partition limit (~1 KB per event without bodies: a million messages is about 1 GB).</item>
/// </list>
/// The records container indexes the envelope but not <c>/data/*</c> (record bodies, excerpts, evidence), has TTL on with no
/// default (only leases and Done pushes expire) and a composite index for the ORDER BY on sortAt, id.
/// </summary>
internal static class CosmosContainers
{
    /// <summary>Creates what is missing; leaves existing containers as they are.</summary>
    public static async Task EnsureAsync(CosmosClient client, CosmosStoreOptions options, CancellationToken cancellationToken)
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync(options.Database, cancellationToken: cancellationToken);
        await database.CreateContainerIfNotExistsAsync(Records(options.RecordsContainer), cancellationToken: cancellationToken);
    }

    /// <summary>The records container's definition.</summary>
    public static ContainerProperties Records(string name)
    {
        var properties = new ContainerProperties(name, "/workspaceId") { DefaultTimeToLive = -1 };
        properties.IndexingPolicy.IndexingMode = IndexingMode.Consistent;
        properties.IndexingPolicy.Automatic = true;
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/data/*" });
        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/\"_etag\"/?" });
        foreach (var order in new[] { CompositePathSortOrder.Ascending, CompositePathSortOrder.Descending })
        {
            properties.IndexingPolicy.CompositeIndexes.Add(new Collection<CompositePath>
            {
                new() { Path = "/sortAt", Order = order },
                new() { Path = "/id", Order = order },
            });
        }
        return properties;
    }
}
