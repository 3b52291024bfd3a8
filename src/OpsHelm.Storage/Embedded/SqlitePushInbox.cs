using System.Text.Json;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Embedded;

/// <summary>Verified pushes in the embedded SQLite file; the primary key (workspace, notice id) makes a redelivery a no-op.</summary>
internal sealed class SqlitePushInbox(SqliteDatabase database) : IPushInbox
{
    public async Task<bool> AddAsync(PushNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT OR IGNORE INTO push_inbox (workspace_id, notice_id, status, received_at, data)
            VALUES ($ws, $id, $status, $received, $data);
            """)
            .With("$ws", notice.WorkspaceId)
            .With("$id", notice.Id)
            .With("$status", notice.Status)
            .With("$received", notice.ReceivedAt.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(notice, StoreJson.Default.PushNotice));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<PushNotice>> ListPendingAsync(string workspaceId, int limit, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            """
            SELECT data FROM push_inbox WHERE workspace_id = $ws AND status = 'Pending'
            ORDER BY received_at, notice_id LIMIT $limit;
            """,
            StoreJson.Default.PushNotice, cancellationToken, ("$ws", workspaceId), ("$limit", Math.Max(0, limit)));
    }

    public async Task MarkDoneAsync(string workspaceId, string noticeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE push_inbox SET status = 'Done', data = json_set(data, '$.status', 'Done')
            WHERE workspace_id = $ws AND notice_id = $id;
            """)
            .With("$ws", workspaceId)
            .With("$id", noticeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
