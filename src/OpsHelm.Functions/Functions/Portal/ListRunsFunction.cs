using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/runs</c>: Ingestion runs, newest first.</summary>
public sealed class ListRunsFunction(WorkspaceAccess access, IRecordStore records)
{
    /// <summary>Runs the function.</summary>
    [Function("ListRuns")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/runs")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await RunsEndpoints.ListRunsAsync(workspaceId, QueryValues.Int(request, "limit"), records, cancellationToken));
}
