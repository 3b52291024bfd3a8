using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// Checkpoints (delta links, historyIds, IMAP UIDs) as one row per mailbox and folder in the workspace's partition. A save is
/// conditioned on the row's ETag; when two writers race, the loser reads the winner's row and tries again, and a checkpoint
/// never goes back to an older run's: a save whose run ended before the stored one's leaves the newer checkpoint in place.
/// </summary>
internal sealed class TableProcessingStateStore(EntityTable<CheckpointEntity> checkpoints) : IProcessingStateStore
{
    public async Task<IReadOnlyList<ProcessingState>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        var rows = await checkpoints.ListAsync(TableKeys.For(workspaceId), cancellationToken);
        return rows.Select(r => r.ToState()).Where(s => s.WorkspaceId == workspaceId)
            .OrderBy(s => s.Mailbox, StringComparer.Ordinal).ThenBy(s => s.Folder, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(ProcessingState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.WorkspaceId);
        await checkpoints.UpdateAsync(TableKeys.For(state.WorkspaceId), TableKeys.For(state.Mailbox, state.Folder),
            fresh => IsOlder(state, fresh) ? null : CheckpointEntity.From(state), cancellationToken);
    }

    // A stale writer (a run that ended before the one already stored) must not move the checkpoint back.
    private static bool IsOlder(ProcessingState state, CheckpointEntity? fresh) =>
        fresh?.LastSuccessfulRun is { } stored && state.LastSuccessfulRun is { } incoming && incoming < stored;
}
