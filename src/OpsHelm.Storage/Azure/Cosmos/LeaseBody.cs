using System.Text.Json;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>What a workspace lease document holds.</summary>
/// <param name="Holder">The acquisition that holds it (<c>{machine}:{pid}:{guid}</c>).</param>
/// <param name="AcquiredAt">When it was taken.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
internal sealed record LeaseBody(string Holder, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The lease's document id in the workspace's partition.</summary>
    public static readonly string DocumentId = DocumentIds.For(DocumentTypes.Lease, "workspace");

    /// <summary>The lease as a document whose TTL outlives the lease by one lease period.</summary>
    public RecordDocument ToDocument(string workspaceId, CosmosStoreOptions options) => new()
    {
        Id = DocumentId,
        WorkspaceId = workspaceId,
        Type = DocumentTypes.Lease,
        SortAt = ExpiresAt.ToUnixTimeMilliseconds(),
        Ttl = (int)Math.Ceiling(options.LeaseTtl.TotalSeconds * 2),
        Data = JsonSerializer.SerializeToElement(this, CosmosJson.Options),
    };

    /// <summary>The lease a document holds.</summary>
    public static LeaseBody From(RecordDocument document) =>
        document.Data.Deserialize<LeaseBody>(CosmosJson.Options) ?? throw new InvalidDataException($"Lease document '{document.Id}' is empty.");
}
