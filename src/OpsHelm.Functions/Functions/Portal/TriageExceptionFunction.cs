using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Triage;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>POST /api/workspaces/{workspaceId}/exceptions/{exceptionId}/{resolve|dismiss|assign}</c>: triage.</summary>
public sealed class TriageExceptionFunction(WorkspaceAccess access, ExceptionTriage triage, WorkspaceRegistry registry)
{
    /// <summary>Runs the function.</summary>
    [Function("TriageException")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workspaces/{workspaceId}/exceptions/{exceptionId}/{action:regex(^(resolve|dismiss|assign)$)}")] HttpRequest request,
        string workspaceId, string exceptionId, string action, CancellationToken cancellationToken)
    {
        if (PortalRoutes.Refusal(request.HttpContext, access, workspaceId) is { } refusal)
        {
            return new ResultAction(refusal);
        }
        if (TriageEndpoints.ActionOf(action) is not { } triageAction)
        {
            return new ResultAction(PortalRoutes.NotFound($"No triage action '{action}': use resolve, dismiss or assign."));
        }
        return new ResultAction(await TriageEndpoints.TriageAsync(request.HttpContext, workspaceId, exceptionId, triageAction,
            new TriageEndpoints.Services(triage, registry, access), cancellationToken));
    }
}
