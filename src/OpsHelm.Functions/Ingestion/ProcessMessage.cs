using Microsoft.Azure.Functions.Worker;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>The activity that runs steps 4–7 for one archived message: <see cref="ProcessMessageStep"/>.</summary>
public sealed class ProcessMessage(ProcessMessageStep step)
{
    /// <summary>Processes the message <paramref name="request"/> names.</summary>
    [Function(nameof(ProcessMessage))]
    public Task<ItemSummary> RunAsync([ActivityTrigger] ProcessMessageRequest request, CancellationToken cancellationToken) => step.RunAsync(request, cancellationToken);
}
