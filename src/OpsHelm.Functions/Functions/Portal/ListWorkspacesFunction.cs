using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Api.Workspaces;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces</c>: the signed-in user and the workspaces they may see.</summary>
public sealed class ListWorkspacesFunction(WorkspaceAccess access, WorkspaceRegistry registry)
{
    /// <summary>Runs the function.</summary>
    [Function("ListWorkspaces")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces")] HttpRequest request) =>
        new ResultAction(WorkspacesEndpoints.ListWorkspaces(request.HttpContext, access, registry));
}
