namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// Only with <see cref="CosmosStoreOptions.LocalEmulator"/>: cosmosdb-server answers a point read of a missing document in a
/// partitioned container with a 500 (it compares the partition key of a document it did not find). Marking document reads
/// with the cross-partition header sends them down its other path, which answers 404 as Cosmos DB does.
/// </summary>
internal sealed class LocalEmulatorHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath.Contains("/docs/", StringComparison.Ordinal) == true)
        {
            request.Headers.TryAddWithoutValidation("x-ms-documentdb-query-enablecrosspartition", "true");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
