using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// A container spoken to through the SDK's stream APIs: expected outcomes (not found, conflict, precondition failed) are
/// answers, not exceptions; every response's request charge is metered; anything else throws <see cref="CosmosException"/>.
/// </summary>
internal sealed class DocumentContainer(Container container, CosmosRequestCharges charges, int pageSize)
{
    /// <summary>The SDK container.</summary>
    public Container Container => container;

    /// <summary>The document, or null when it does not exist.</summary>
    public async Task<RecordDocument?> ReadAsync(string partitionKey, string id, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        charges.Add(response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await DeserializeAsync(response.Content, cancellationToken);
    }

    /// <summary>Creates the document; false when one with its id exists (409).</summary>
    public async Task<bool> CreateAsync(RecordDocument document, CancellationToken cancellationToken)
    {
        using var body = Serialize(document);
        using var response = await container.CreateItemStreamAsync(body, new PartitionKey(document.WorkspaceId), NoContent, cancellationToken);
        charges.Add(response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Replaces the document if it still has <paramref name="etag"/>; false when it changed or vanished (412/404).</summary>
    public async Task<string?> ReplaceAsync(RecordDocument document, string etag, CancellationToken cancellationToken)
    {
        using var body = Serialize(document);
        using var response = await container.ReplaceItemStreamAsync(body, document.Id, new PartitionKey(document.WorkspaceId),
            new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
        charges.Add(response.Headers.RequestCharge);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    /// <summary>Creates or replaces the document (last writer wins: for deterministic content only).</summary>
    public async Task UpsertAsync(RecordDocument document, CancellationToken cancellationToken)
    {
        using var body = Serialize(document);
        using var response = await container.UpsertItemStreamAsync(body, new PartitionKey(document.WorkspaceId), NoContent, cancellationToken);
        charges.Add(response.Headers.RequestCharge);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Deletes the document (if it still has <paramref name="etag"/>, when given); false when absent or changed.</summary>
    public async Task<bool> DeleteAsync(string partitionKey, string id, string? etag, CancellationToken cancellationToken)
    {
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey),
            etag is null ? null : new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        charges.Add(response.Headers.RequestCharge);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Applies partial-update operations; false when the document does not exist.</summary>
    public async Task<bool> PatchAsync(string partitionKey, string id, IReadOnlyList<PatchOperation> operations, CancellationToken cancellationToken)
    {
        using var response = await container.PatchItemStreamAsync(id, new PartitionKey(partitionKey), operations,
            new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        charges.Add(response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>
    /// Runs a single-partition query page by page, each page resumed from the previous page's continuation token, until the
    /// results end or <paramref name="limit"/> documents are read.
    /// </summary>
    public async Task<IReadOnlyList<RecordDocument>> QueryAsync(string partitionKey, QueryDefinition query, CancellationToken cancellationToken, int? limit = null)
    {
        var documents = new List<RecordDocument>();
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), MaxItemCount = pageSize };
        string? continuation = null;
        do
        {
            using var iterator = container.GetItemQueryStreamIterator(query, continuation, options);
            using var page = await iterator.ReadNextAsync(cancellationToken);
            charges.Add(page.Headers.RequestCharge);
            page.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                documents.Add(item.Deserialize<RecordDocument>(CosmosJson.Options)!);
            }
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && (limit is null || documents.Count < limit));
        return limit is { } max && documents.Count > max ? documents[..max] : documents;
    }

    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private static MemoryStream Serialize(RecordDocument document)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, document, CosmosJson.Options);
        stream.Position = 0;
        return stream;
    }

    private static async Task<RecordDocument> DeserializeAsync(Stream content, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<RecordDocument>(content, CosmosJson.Options, cancellationToken)
        ?? throw new InvalidDataException("Cosmos DB returned an empty document.");
}
