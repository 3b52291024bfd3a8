namespace OpsHelm.Storage.Embedded;

/// <summary>A held workspace lock: renews its expiry on a timer and, when disposed, deletes the row if it is still ours.</summary>
internal sealed class WorkspaceLease : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly WorkspaceLockOptions _options;
    private readonly ITimer _renewal;
    private readonly Lock _gate = new();
    private bool _released;

    public WorkspaceLease(SqliteDatabase database, TimeProvider time, WorkspaceLockOptions options, string workspaceId, string holder)
    {
        _database = database;
        _time = time;
        _options = options;
        WorkspaceId = workspaceId;
        Holder = holder;
        _renewal = time.CreateTimer(_ => Renew(), null, options.RenewEvery, options.RenewEvery);
    }

    /// <summary>The workspace held.</summary>
    public string WorkspaceId { get; }

    /// <summary>This acquisition's holder id.</summary>
    public string Holder { get; }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_released)
            {
                return;
            }
            _released = true;
        }
        await _renewal.DisposeAsync();
        try
        {
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            await using var command = connection.Command(
                "DELETE FROM workspace_locks WHERE workspace_id = $ws AND holder = $holder;")
                .With("$ws", WorkspaceId)
                .With("$holder", Holder);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The store was closed first; the row lapses at its expiry.
        }
    }

    // Runs on a timer thread: never throws; a failed renewal is retried at the next tick.
    private void Renew()
    {
        lock (_gate)
        {
            if (_released)
            {
                return;
            }
            try
            {
                using var connection = _database.Open();
                using var command = connection.Command(
                    "UPDATE workspace_locks SET expires_at = $expires WHERE workspace_id = $ws AND holder = $holder;")
                    .With("$expires", (_time.GetUtcNow() + _options.LeaseTtl).ToUnixMs())
                    .With("$ws", WorkspaceId)
                    .With("$holder", Holder);
                // Zero rows: the lease expired and another holder took it; nothing to renew, and disposing will not delete theirs.
                command.ExecuteNonQuery();
            }
            catch (Exception)
            {
                // The next tick tries again; the lease's TTL covers a few missed renewals.
            }
        }
    }
}
