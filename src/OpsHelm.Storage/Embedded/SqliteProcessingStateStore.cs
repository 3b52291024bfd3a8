using System.Text.Json;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Embedded;

/// <summary>Checkpoints per workspace, mailbox and folder in the embedded SQLite file.</summary>
internal sealed class SqliteProcessingStateStore(SqliteDatabase database) : IProcessingStateStore
{
    public async Task<IReadOnlyList<ProcessingState>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM processing_state WHERE workspace_id = $ws ORDER BY mailbox, folder;",
            StoreJson.Default.ProcessingState, cancellationToken, ("$ws", workspaceId));
    }

    public async Task SaveAsync(ProcessingState state, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            INSERT INTO processing_state (workspace_id, mailbox, folder, data)
            VALUES ($ws, $mailbox, $folder, $data)
            ON CONFLICT (workspace_id, mailbox, folder) DO UPDATE SET data = excluded.data;
            """)
            .With("$ws", state.WorkspaceId)
            .With("$mailbox", state.Mailbox)
            .With("$folder", state.Folder)
            .With("$data", JsonSerializer.Serialize(state, StoreJson.Default.ProcessingState));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
