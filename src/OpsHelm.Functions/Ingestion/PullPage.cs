using Microsoft.Azure.Functions.Worker;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>The activity that pulls a page: <see cref="PullPageStep"/>.</summary>
public sealed class PullPage(PullPageStep step)
{
    /// <summary>Pulls the page <paramref name="request"/> names.</summary>
    [Function(nameof(PullPage))]
    public Task<PulledPage> RunAsync([ActivityTrigger] PullPageRequest request, CancellationToken cancellationToken) => step.RunAsync(request, cancellationToken);
}
