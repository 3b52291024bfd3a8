using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Contract;

/// <summary>The store contract on the embedded store: SQLite file + attachment folder in a fresh directory.</summary>
public sealed class EmbeddedStoreContractTests : StoreContractTests
{
    private static readonly WorkspaceLockOptions FastPolling = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(20));

    protected override Task<StoreUnderTest> OpenAsync(FakeTimeProvider time)
    {
        var directory = new TempStoreDirectory();
        var store = EmbeddedStore.Open(directory.Path, time, FastPolling);
        var others = new List<EmbeddedStore>();
        return Task.FromResult(new StoreUnderTest("embedded", store.Records, store.States, store.Attachments, store.Locks,
            store.Health, store.Subscriptions, store.PushInbox, time, () =>
            {
                others.ForEach(o => o.Dispose());
                store.Dispose();
                directory.Dispose();
                return ValueTask.CompletedTask;
            })
        {
            Archive = store.Archive,
            WorkQueue = store.WorkQueue,
            OtherProcessLocks = otherTime =>
            {
                var other = EmbeddedStore.Open(directory.Path, otherTime, FastPolling);
                others.Add(other);
                return Task.FromResult(other.Locks);
            },
        });
    }
}
