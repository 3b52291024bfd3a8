using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Ingestion;
using OpsHelm.Functions.Hosting;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>POST /api/workspaces/{workspaceId}/ingest[?since=…]</c>: starts the workspace's orchestration, or joins the one running (202 with the run id).</summary>
public sealed class StartIngestFunction(WorkspaceAccess access, WorkspaceRegistry registry, IngestionStarter starter, IngestionSettings settings, TimeProvider time)
{
    /// <summary>Runs the function.</summary>
    [Function("StartIngest")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workspaces/{workspaceId}/ingest")] HttpRequest request, string workspaceId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await IngestEndpoints.StartIngestAsync(request, workspaceId, QueryValues.Text(request, "since"), registry, new DurableIngestionStarter(client, starter, settings), time, cancellationToken));
}
