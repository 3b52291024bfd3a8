using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/messages/{eventKey}</c>: one message with why OpsHelm decided what it did.</summary>
public sealed class GetMessageFunction(WorkspaceAccess access, MessageServices services)
{
    /// <summary>Runs the function.</summary>
    [Function("GetMessage")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/messages/{eventKey}")] HttpRequest request, string workspaceId, string eventKey,
        CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await MessagesEndpoints.GetMessageAsync(workspaceId, eventKey, services, cancellationToken));
}
