using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/commitments</c>: Commitments by due date.</summary>
public sealed class ListCommitmentsFunction(WorkspaceAccess access, IRecordStore records)
{
    /// <summary>Runs the function.</summary>
    [Function("ListCommitments")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/commitments")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await CommitmentsEndpoints.ListCommitmentsAsync(workspaceId, records, cancellationToken));
}
