using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/sources</c>: Each source with its checkpoints, health and open incidents.</summary>
public sealed class ListSourcesFunction(WorkspaceAccess access, WorkspaceRegistry registry, IProcessingStateStore states, ISourceHealthStore health)
{
    /// <summary>Runs the function.</summary>
    [Function("ListSources")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/sources")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await SourcesEndpoints.ListSourcesAsync(workspaceId, registry, states, health, cancellationToken));
}
