using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ports;

/// <summary>Checkpoints per workspace, mailbox and folder (steps 2 and 8).</summary>
public interface IProcessingStateStore
{
    /// <summary>Every checkpoint of the workspace.</summary>
    Task<IReadOnlyList<ProcessingState>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Writes a checkpoint.</summary>
    Task SaveAsync(ProcessingState state, CancellationToken cancellationToken);
}
