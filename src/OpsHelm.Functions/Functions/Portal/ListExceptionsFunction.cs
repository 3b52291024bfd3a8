using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/exceptions</c>: The exceptions queue.</summary>
public sealed class ListExceptionsFunction(WorkspaceAccess access, MessageServices services)
{
    /// <summary>Runs the function.</summary>
    [Function("ListExceptions")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/exceptions")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await ExceptionsEndpoints.ListExceptionsAsync(workspaceId, QueryValues.Text(request, "status"), QueryValues.Text(request, "reason"), services, cancellationToken));
}
