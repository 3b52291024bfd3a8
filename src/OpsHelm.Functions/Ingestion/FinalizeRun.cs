using Microsoft.Azure.Functions.Worker;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>The activity that finalizes a run (counts, coverage, summary, ticket sweep): <see cref="FinalizeRunStep"/>.</summary>
public sealed class FinalizeRun(FinalizeRunStep step)
{
    /// <summary>Finalizes the run <paramref name="request"/> names.</summary>
    [Function(nameof(FinalizeRun))]
    public Task<RunSummary> RunAsync([ActivityTrigger] FinalizeRunRequest request, CancellationToken cancellationToken) => step.RunAsync(request, cancellationToken);
}
