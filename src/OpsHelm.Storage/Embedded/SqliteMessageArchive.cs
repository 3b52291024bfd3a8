using System.Text.Json;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Embedded;

/// <summary>Archived messages in the embedded SQLite file, one row per workspace and event key.</summary>
internal sealed class SqliteMessageArchive(SqliteDatabase database) : IMessageArchive
{
    public async Task SaveAsync(string workspaceId, string eventKey, InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(message);
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            INSERT INTO message_archive (workspace_id, event_key, data) VALUES ($ws, $key, $data)
            ON CONFLICT (workspace_id, event_key) DO UPDATE SET data = excluded.data;
            """)
            .With("$ws", workspaceId)
            .With("$key", eventKey)
            .With("$data", JsonSerializer.Serialize(message, StoreJson.Default.InboundMessage));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<InboundMessage?> FindAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        var found = await database.QueryJsonAsync(
            "SELECT data FROM message_archive WHERE workspace_id = $ws AND event_key = $key;",
            StoreJson.Default.InboundMessage, cancellationToken, ("$ws", workspaceId), ("$key", eventKey));
        return found.Count == 0 ? null : found[0];
    }
}
