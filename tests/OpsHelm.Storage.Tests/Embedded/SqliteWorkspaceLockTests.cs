using OpsHelm.Core.Ports;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

public sealed class SqliteWorkspaceLockTests : IDisposable
{
    private static readonly WorkspaceLockOptions FastPolling = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(20));

    private readonly TempStoreDirectory _directory = new();
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _time = new(Samples.Now);
    private readonly List<EmbeddedStore> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _directory.Dispose();
    }

    private EmbeddedStore CreateStore(WorkspaceLockOptions? options = null, TimeProvider? time = null)
    {
        var store = EmbeddedStore.Open(_directory.Path, time ?? _time, options ?? FastPolling);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task A_free_workspace_is_taken_at_once_and_released_on_dispose()
    {
        var store = CreateStore();

        var lease = await store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
        LockRows(store).ShouldBe(1L);
        await lease.DisposeAsync();

        LockRows(store).ShouldBe(0L);
    }

    [Fact]
    public async Task A_second_acquirer_waits_then_fails_naming_the_workspace_the_holder_and_since_when()
    {
        var store = CreateStore();
        await using var held = await store.Locks.AcquireAsync("contoso", TimeSpan.Zero, CancellationToken.None);
        var started = _time.GetUtcNow();

        var error = await Should.ThrowAsync<WorkspaceBusyException>(() =>
            _time.AdvancingAsync(store.Locks.AcquireAsync("contoso", TimeSpan.FromMilliseconds(300), CancellationToken.None), Poll));

        (_time.GetUtcNow() - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), "it polled for the whole wait");
        error.Message.ShouldContain("Workspace 'contoso' is busy");
        error.Message.ShouldContain($"{Environment.MachineName}:{Environment.ProcessId}:");
        error.Message.ShouldContain("since 2026-11-20 09:00:00 UTC");
        error.Message.ShouldContain("until 2026-11-20 09:02:00 UTC");
    }

    [Fact]
    public async Task The_workspace_can_be_taken_again_after_release()
    {
        var store = CreateStore();
        var first = await store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
        await first.DisposeAsync();

        await using var second = await store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);

        LockRows(store).ShouldBe(1L);
    }

    [Fact]
    public async Task A_waiting_acquirer_gets_the_workspace_once_the_holder_releases_it()
    {
        var store = CreateStore();
        var first = await store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
        var waiting = store.Locks.AcquireAsync("ws", TimeSpan.FromSeconds(10), CancellationToken.None);
        _time.Advance(Poll * 3);
        await Task.Delay(50);
        waiting.IsCompleted.ShouldBeFalse();

        await first.DisposeAsync();

        await using var second = await _time.AdvancingAsync(waiting, Poll);
    }

    [Fact]
    public async Task Different_workspaces_do_not_block_each_other()
    {
        var store = CreateStore();
        await using var a = await store.Locks.AcquireAsync("ws-a", TimeSpan.Zero, CancellationToken.None);

        await using var b = await store.Locks.AcquireAsync("ws-b", TimeSpan.Zero, CancellationToken.None);

        LockRows(store).ShouldBe(2L);
    }

    [Fact]
    public async Task Two_stores_on_one_directory_exclude_each_other_like_two_processes()
    {
        var one = CreateStore();
        var other = CreateStore();
        var held = await one.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);

        await Should.ThrowAsync<WorkspaceBusyException>(() => _time.AdvancingAsync(other.Locks.AcquireAsync("ws", TimeSpan.FromMilliseconds(100), CancellationToken.None), Poll));
        await held.DisposeAsync();

        await using var taken = await other.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
        await Should.ThrowAsync<WorkspaceBusyException>(() => one.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Contending_acquirers_on_two_stores_never_hold_the_workspace_together()
    {
        // Real time: eight workers poll for each other's releases.
        var stores = new[] { CreateStore(time: TimeProvider.System), CreateStore(time: TimeProvider.System) };
        var inside = 0;
        var maxInside = 0;
        var entries = 0;

        var workers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                await using var lease = await stores[i % 2].Locks.AcquireAsync("ws", TimeSpan.FromSeconds(30), CancellationToken.None);
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                Interlocked.Increment(ref entries);
                await Task.Delay(5);
                Interlocked.Decrement(ref inside);
            }
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        entries.ShouldBe(24);
        maxInside.ShouldBe(1);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over()
    {
        // The crashed holder's clock stands still, so its renewal timer never fires again, as in a dead process.
        var one = CreateStore(time: new FakeTimeProvider(Samples.Now));
        var other = CreateStore();
        await using var abandoned = await one.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        await using var taken = await other.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
    }

    [Fact]
    public async Task Releasing_a_lease_that_was_taken_over_leaves_the_new_holder_in_place()
    {
        var one = CreateStore(time: new FakeTimeProvider(Samples.Now));
        var other = CreateStore();
        var abandoned = await one.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        await using var taken = await other.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);

        await abandoned.DisposeAsync();

        await Should.ThrowAsync<WorkspaceBusyException>(() => one.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_held_lease_is_renewed_so_a_long_run_keeps_the_workspace()
    {
        var renewing = new WorkspaceLockOptions(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20));
        var store = CreateStore(renewing);
        await using var held = await store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);

        for (var i = 0; i < 80; i++)
        {
            // Each step fires the renewal timer once (every 50 ms of the fake clock).
            _time.Advance(TimeSpan.FromMilliseconds(50));
        }

        // Four seconds of clock have passed, twice the TTL: only renewal keeps the lease alive.
        await Should.ThrowAsync<WorkspaceBusyException>(() => store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_stops_when_cancelled()
    {
        var store = CreateStore();
        await using var held = await store.Locks.AcquireAsync("ws", TimeSpan.Zero, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => store.Locks.AcquireAsync("ws", TimeSpan.FromSeconds(30), cancel.Token));
    }

    private static object? LockRows(EmbeddedStore store) => EmbeddedStoreTests.Scalar(store.DatabasePath, "SELECT COUNT(*) FROM workspace_locks;");

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
