using Microsoft.Azure.Functions.Worker;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>The activity that writes a recorded page's checkpoints: <see cref="CommitCheckpointsStep"/>.</summary>
public sealed class CommitCheckpoints(CommitCheckpointsStep step)
{
    /// <summary>Writes the checkpoints <paramref name="request"/> carries.</summary>
    [Function(nameof(CommitCheckpoints))]
    public Task<int> RunAsync([ActivityTrigger] CommitCheckpointsRequest request, CancellationToken cancellationToken) => step.RunAsync(request, cancellationToken);
}
