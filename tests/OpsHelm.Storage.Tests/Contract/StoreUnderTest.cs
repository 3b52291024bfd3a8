using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Tests.Contract;

/// <summary>One implementation's ports, opened fresh for one test, with the fake clock they were given.</summary>
public sealed class StoreUnderTest(
    string kind, IRecordStore records, IProcessingStateStore states, IAttachmentStore attachments, IWorkspaceLock locks,
    ISourceHealthStore health, ISubscriptionStore subscriptions, IPushInbox pushInbox, FakeTimeProvider time, Func<ValueTask> dispose) : IAsyncDisposable
{
    public string Kind { get; } = kind;
    public IRecordStore Records { get; } = records;
    public IProcessingStateStore States { get; } = states;
    public IAttachmentStore Attachments { get; } = attachments;
    public IWorkspaceLock Locks { get; } = locks;
    public ISourceHealthStore Health { get; } = health;
    public ISubscriptionStore Subscriptions { get; } = subscriptions;
    public IPushInbox PushInbox { get; } = pushInbox;
    public FakeTimeProvider Time { get; } = time;
    public required IMessageArchive Archive { get; init; }
    public required IWorkQueue WorkQueue { get; init; }

    /// <summary>The workspace locks of another process on the same storage, on its own clock (closed with this store).</summary>
    public required Func<TimeProvider, Task<IWorkspaceLock>> OtherProcessLocks { get; init; }

    public ValueTask DisposeAsync() => dispose();
}
