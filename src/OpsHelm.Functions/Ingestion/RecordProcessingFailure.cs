using Microsoft.Azure.Functions.Worker;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>The activity that records a message that failed every attempt as ProcessingFailed: <see cref="RecordProcessingFailureStep"/>.</summary>
public sealed class RecordProcessingFailure(RecordProcessingFailureStep step)
{
    /// <summary>Records the failure <paramref name="request"/> describes.</summary>
    [Function(nameof(RecordProcessingFailure))]
    public Task<ItemSummary> RunAsync([ActivityTrigger] RecordProcessingFailureRequest request, CancellationToken cancellationToken) => step.RunAsync(request, cancellationToken);
}
