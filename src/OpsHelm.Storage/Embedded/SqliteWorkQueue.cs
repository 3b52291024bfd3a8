using OpsHelm.Core.Ingestion;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Work;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// The store-backed work queue in the embedded SQLite file. A lease is a token and an expiry (<c>visible_at</c> of a
/// Leased row); leasing runs in an immediate transaction, so two workers never take the same visible item.
/// </summary>
internal sealed class SqliteWorkQueue(SqliteDatabase database, TimeProvider time) : IWorkQueue
{
    public async Task EnqueueAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var item in items)
        {
            await using var command = connection.Command("""
                INSERT OR IGNORE INTO work_items (workspace_id, item_id, run_id, position, state, visible_at, lease_token, data)
                VALUES ($ws, $id, $run, $position, $state, $visible, NULL, $data);
                """, transaction)
                .With("$ws", item.WorkspaceId)
                .With("$id", item.Id)
                .With("$run", item.RunId)
                .With("$position", item.Position)
                .With("$state", item.State.ToString())
                .With("$visible", item.VisibleAt.ToUnixMs())
                .With("$data", JsonSerializer.Serialize(item, StoreJson.Default.WorkItem));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkItem>> LeaseAsync(string workspaceId, int max, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = time.GetUtcNow();
        var candidates = await ReadAsync(connection, transaction, """
            SELECT data FROM work_items
            WHERE workspace_id = $ws AND state IN ('Pending', 'Leased') AND visible_at <= $now
            ORDER BY run_id, position LIMIT $max;
            """, cancellationToken, ("$ws", workspaceId), ("$now", now.ToUnixMs()), ("$max", Math.Max(0, max)));
        var leased = new List<WorkItem>(candidates.Count);
        foreach (var item in candidates)
        {
            leased.Add(await TakeAsync(connection, transaction, item, now, leaseFor, cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return leased;
    }

    public async Task<WorkItem?> LeaseOneAsync(string workspaceId, string itemId, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = time.GetUtcNow();
        var found = await ReadAsync(connection, transaction, """
            SELECT data FROM work_items
            WHERE workspace_id = $ws AND item_id = $id AND state IN ('Pending', 'Leased') AND visible_at <= $now;
            """, cancellationToken, ("$ws", workspaceId), ("$id", itemId), ("$now", now.ToUnixMs()));
        var leased = found.Count == 0 ? null : await TakeAsync(connection, transaction, found[0], now, leaseFor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return leased;
    }

    public Task<bool> CompleteAsync(WorkItem leased, ItemSummary summary, CancellationToken cancellationToken) =>
        FinishAsync(leased, leased.Completed(summary), cancellationToken);

    public Task<bool> RetryLaterAsync(WorkItem leased, string error, DateTimeOffset visibleAt, CancellationToken cancellationToken) =>
        FinishAsync(leased, leased.RetriedAt(error, visibleAt), cancellationToken);

    public Task<bool> DeadLetterAsync(WorkItem leased, string error, ItemSummary summary, CancellationToken cancellationToken) =>
        FinishAsync(leased, leased.DeadLettered(error, summary), cancellationToken);

    public async Task<RunTally> TallyAsync(string workspaceId, string runId, CancellationToken cancellationToken)
    {
        var items = await database.QueryJsonAsync(
            "SELECT data FROM work_items WHERE workspace_id = $ws AND run_id = $run ORDER BY position;",
            StoreJson.Default.WorkItem, cancellationToken, ("$ws", workspaceId), ("$run", runId));
        return RunTally.Of(items);
    }

    public async Task<IReadOnlyList<WorkItem>> ListOverdueAsync(string workspaceId, DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        await database.QueryJsonAsync("""
            SELECT data FROM work_items
            WHERE workspace_id = $ws AND state IN ('Pending', 'Leased') AND visible_at < $before
            ORDER BY run_id, position LIMIT $max;
            """, StoreJson.Default.WorkItem, cancellationToken, ("$ws", workspaceId), ("$before", before.ToUnixMs()), ("$max", Math.Max(0, max)));

    public async Task<int> CountUnfinishedAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT COUNT(*) FROM work_items WHERE workspace_id = $ws AND state IN ('Pending', 'Leased');")
            .With("$ws", workspaceId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<WorkItem> TakeAsync(SqliteConnection connection, SqliteTransaction transaction, WorkItem item, DateTimeOffset now, TimeSpan leaseFor,
        CancellationToken cancellationToken)
    {
        var leased = item.LeasedAt(now, leaseFor);
        await WriteAsync(connection, transaction, leased, leased.LeaseUntil!.Value, null, cancellationToken);
        return leased;
    }

    private async Task<bool> FinishAsync(WorkItem leased, WorkItem finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leased);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var written = await WriteAsync(connection, transaction, finished, finished.VisibleAt, leased.LeaseToken, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    // With expectedToken set, the row changes only while that lease still holds it.
    private static async Task<bool> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, WorkItem item, DateTimeOffset visibleAt, string? expectedToken,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            UPDATE work_items SET state = $state, visible_at = $visible, lease_token = $token, data = $data
            WHERE workspace_id = $ws AND item_id = $id AND ($expected IS NULL OR (lease_token = $expected AND state = 'Leased'));
            """, transaction)
            .With("$ws", item.WorkspaceId)
            .With("$id", item.Id)
            .With("$state", item.State.ToString())
            .With("$visible", visibleAt.ToUnixMs())
            .With("$token", item.LeaseToken)
            .With("$expected", expectedToken)
            .With("$data", JsonSerializer.Serialize(item, StoreJson.Default.WorkItem));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<List<WorkItem>> ReadAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, transaction);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
        return [.. await command.ReadJsonAsync(StoreJson.Default.WorkItem, cancellationToken)];
    }
}
