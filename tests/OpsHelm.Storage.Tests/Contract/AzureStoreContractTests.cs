using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Contract;

/// <summary>
/// The store contract on Cosmos DB (cosmosdb-server) + Blob and Table storage (Azurite): a fresh database, container and set of
/// tables per test.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class AzureStoreContractTests(EmulatorsFixture emulators) : StoreContractTests
{
    protected override async Task<StoreUnderTest> OpenAsync(FakeTimeProvider time)
    {
        var options = emulators.Cosmos();
        var cosmos = await CosmosStore.ConnectAsync(options, time, CancellationToken.None);
        var others = new List<CosmosStore>();
        var blob = await BlobAttachmentStore.OpenAsync(emulators.Blob(), time, null, CancellationToken.None);
        var tables = await TableStore.ConnectAsync(emulators.Tables(), null, CancellationToken.None);
        return new StoreUnderTest("azure", cosmos.Records, tables.States, blob, cosmos.Locks, tables.Health, tables.Subscriptions, cosmos.PushInbox, time,
            async () =>
            {
                blob.Dispose();
                foreach (var other in others)
                {
                    await other.DisposeAsync();
                }
                await cosmos.DisposeAsync();
            })
        {
            Archive = cosmos.Archive,
            WorkQueue = cosmos.WorkQueue,
            OtherProcessLocks = async otherTime =>
            {
                var other = await CosmosStore.ConnectAsync(options with { CreateContainersAtStartup = false }, otherTime, CancellationToken.None);
                others.Add(other);
                return other.Locks;
            },
        };
    }
}
