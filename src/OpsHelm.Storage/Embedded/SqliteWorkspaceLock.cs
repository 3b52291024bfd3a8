using System.Globalization;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// One row per workspace in <c>workspace_locks</c> (holder, acquired_at, expires_at). Taking it is a BEGIN IMMEDIATE
/// transaction, so two connections (two processes) on one file never both hold it. Each acquisition is its own holder
/// (<c>{machine}:{pid}:{guid}</c>); a lease is renewed while held and taken over by others only once it has expired.
/// Expiry is wall-clock (<see cref="TimeProvider.GetUtcNow"/>); waiting is measured with the provider's timestamps and timers.
/// </summary>
internal sealed class SqliteWorkspaceLock(SqliteDatabase database, TimeProvider time, WorkspaceLockOptions options) : IWorkspaceLock
{
    public async Task<IAsyncDisposable> AcquireAsync(string workspaceId, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
        var started = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await TryTakeAsync(workspaceId, holder, cancellationToken);
            if (current is null)
            {
                return new WorkspaceLease(database, time, options, workspaceId, holder);
            }
            var waited = time.GetElapsedTime(started);
            if (waited >= wait)
            {
                throw new WorkspaceBusyException(BusyMessage(workspaceId, current, wait));
            }
            var pause = wait - waited < options.PollEvery ? wait - waited : options.PollEvery;
            await Task.Delay(pause, time, cancellationToken);
        }
    }

    // Null when the row is now ours; otherwise the row that keeps us out.
    private async Task<LockRow?> TryTakeAsync(string workspaceId, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = time.GetUtcNow();
        await using (var read = connection.Command(
            "SELECT holder, acquired_at, expires_at FROM workspace_locks WHERE workspace_id = $ws;", transaction)
            .With("$ws", workspaceId))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var row = new LockRow(reader.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
                if (row.Holder != holder && row.ExpiresAt > now)
                {
                    return row;
                }
            }
        }
        await using (var take = connection.Command("""
            INSERT INTO workspace_locks (workspace_id, holder, acquired_at, expires_at) VALUES ($ws, $holder, $now, $expires)
            ON CONFLICT (workspace_id) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at;
            """, transaction)
            .With("$ws", workspaceId)
            .With("$holder", holder)
            .With("$now", now.ToUnixMs())
            .With("$expires", (now + options.LeaseTtl).ToUnixMs()))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static string BusyMessage(string workspaceId, LockRow row, TimeSpan wait) => string.Create(CultureInfo.InvariantCulture,
        $"Workspace '{workspaceId}' is busy: another run ({row.Holder}) has held it since {row.AcquiredAt:yyyy-MM-dd HH:mm:ss} UTC " +
        $"and its lease runs until {row.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC unless renewed; gave up after waiting {wait.TotalSeconds:0.#} s.");

    private sealed record LockRow(string Holder, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
}
