using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/attachments/{attachmentId}</c>: A redirect to a short-lived read link, or the bytes.</summary>
public sealed class DownloadAttachmentFunction(WorkspaceAccess access, IAttachmentStore attachments)
{
    /// <summary>Runs the function.</summary>
    [Function("DownloadAttachment")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/attachments/{attachmentId}")] HttpRequest request, string workspaceId, string attachmentId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await AttachmentsEndpoints.DownloadAttachmentAsync(workspaceId, attachmentId, attachments, request.HttpContext.Response, cancellationToken));
}
