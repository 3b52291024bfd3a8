using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Contract;

/// <summary>The store contract on Cosmos DB (cosmosdb-server) + Blob storage (Azurite): a fresh database and container per test.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class AzureStoreContractTests(EmulatorsFixture emulators) : StoreContractTests
{
    protected override async Task<StoreUnderTest> OpenAsync(FakeTimeProvider time)
    {
        var cosmos = await CosmosStore.ConnectAsync(emulators.Cosmos(), time, CancellationToken.None);
        var blob = await BlobAttachmentStore.OpenAsync(emulators.Blob(), time, null, CancellationToken.None);
        return new StoreUnderTest("azure", cosmos.Records, cosmos.States, blob, cosmos.Locks, cosmos.Health, cosmos.Subscriptions, cosmos.PushInbox, time,
            () =>
            {
                blob.Dispose();
                return cosmos.DisposeAsync();
            })
        {
            Archive = cosmos.Archive,
            WorkQueue = cosmos.WorkQueue,
        };
    }
}
