using OpsHelm.Core.Ports;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage;

/// <summary>Every storage port of one store, whichever was chosen; disposing closes what was opened.</summary>
public sealed class StoreSet : IAsyncDisposable
{
    private readonly IAsyncDisposable[] _owned;

    private StoreSet(string kind, IRecordStore records, IProcessingStateStore states, IAttachmentStore attachments, IWorkspaceLock locks,
        ISourceHealthStore health, ISubscriptionStore subscriptions, IPushInbox pushInbox, IMessageArchive archive, IWorkQueue workQueue,
        params IAsyncDisposable[] owned)
    {
        Kind = kind;
        Records = records;
        States = states;
        Attachments = attachments;
        Locks = locks;
        Health = health;
        Subscriptions = subscriptions;
        PushInbox = pushInbox;
        Archive = archive;
        WorkQueue = workQueue;
        _owned = owned;
    }

    /// <summary><see cref="StoreOptions.Embedded"/> or <see cref="StoreOptions.Azure"/>.</summary>
    public string Kind { get; }

    /// <summary>Events, tickets, tasks, commitments, exceptions and runs.</summary>
    public IRecordStore Records { get; }

    /// <summary>Checkpoints.</summary>
    public IProcessingStateStore States { get; }

    /// <summary>Attachment bytes.</summary>
    public IAttachmentStore Attachments { get; }

    /// <summary>The per-workspace lock.</summary>
    public IWorkspaceLock Locks { get; }

    /// <summary>Source health and incidents.</summary>
    public ISourceHealthStore Health { get; }

    /// <summary>Provider subscriptions.</summary>
    public ISubscriptionStore Subscriptions { get; }

    /// <summary>Verified pushes.</summary>
    public IPushInbox PushInbox { get; }

    /// <summary>One store transaction per page of a run where the store has them (embedded); nothing to group for Cosmos DB.</summary>
    public IPageTransactions Pages { get; private init; } = NoPageTransactions.Instance;

    /// <summary>Archived messages (work items' messages, triage).</summary>
    public IMessageArchive Archive { get; }

    /// <summary>The store-backed work queue.</summary>
    public IWorkQueue WorkQueue { get; }

    /// <summary>Builds the ports <paramref name="options"/> choose (validated first).</summary>
    public static async Task<StoreSet> OpenAsync(StoreOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Store == StoreOptions.Embedded)
        {
            var embedded = options.EmbeddedLockLease is { } lease
                ? EmbeddedStore.Open(options.EmbeddedDirectory, time, lease)
                : EmbeddedStore.Open(options.EmbeddedDirectory, time);
            return new StoreSet(options.Store, embedded.Records, embedded.States, embedded.Attachments, embedded.Locks,
                embedded.Health, embedded.Subscriptions, embedded.PushInbox, embedded.Archive, embedded.WorkQueue, embedded)
            {
                Pages = embedded.Pages,
            };
        }
        var cosmos = await CosmosStore.ConnectAsync(options.Cosmos, time, cancellationToken);
        try
        {
            var tables = await TableStore.ConnectAsync(options.Tables, null, cancellationToken);
            var blob = await BlobAttachmentStore.OpenAsync(options.Blob, time, null, cancellationToken);
            return new StoreSet(options.Store, cosmos.Records, tables.States, blob, cosmos.Locks, tables.Health, tables.Subscriptions, cosmos.PushInbox,
                cosmos.Archive, cosmos.WorkQueue,
                cosmos, new DisposeAdapter(blob));
        }
        catch
        {
            await cosmos.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes what was opened.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    private sealed class DisposeAdapter(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
