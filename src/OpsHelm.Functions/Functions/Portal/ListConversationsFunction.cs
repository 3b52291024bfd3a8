using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/conversations</c>: WhatsApp conversations.</summary>
public sealed class ListConversationsFunction(WorkspaceAccess access, IRecordStore records)
{
    /// <summary>Runs the function.</summary>
    [Function("ListConversations")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/conversations")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await ConversationsEndpoints.ListConversationsAsync(workspaceId, records, cancellationToken));
}
