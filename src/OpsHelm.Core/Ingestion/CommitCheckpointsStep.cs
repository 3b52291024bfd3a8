using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ingestion;

/// <summary>A page's checkpoints, to write once every item of the page is recorded.</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="RunId">The run.</param>
/// <param name="Checkpoints">Where the page's streams stand after it.</param>
public sealed record CommitCheckpointsRequest(string WorkspaceId, string RunId, IReadOnlyList<StreamCheckpoint> Checkpoints);

/// <summary>Step 8 for one page: writes its checkpoints (idempotent: writing them again changes nothing but the time).</summary>
public sealed class CommitCheckpointsStep(IProcessingStateStore states, TimeProvider time)
{
    /// <summary>Writes the checkpoints; returns how many.</summary>
    public async Task<int> RunAsync(CommitCheckpointsRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var checkpoint in request.Checkpoints)
        {
            await states.SaveAsync(new ProcessingState
            {
                WorkspaceId = request.WorkspaceId,
                Mailbox = checkpoint.Mailbox,
                Folder = checkpoint.Folder,
                Checkpoint = checkpoint.Checkpoint,
                LastProcessedMessageId = checkpoint.LastMessageId,
                LastSuccessfulRun = now,
            }, cancellationToken);
        }
        return request.Checkpoints.Count;
    }
}
