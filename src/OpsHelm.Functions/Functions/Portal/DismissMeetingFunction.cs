using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>POST /api/workspaces/{workspaceId}/meetings/{eventKey}/dismiss</c>: Dismisses a meeting for good.</summary>
public sealed class DismissMeetingFunction(WorkspaceAccess access, IRecordStore records, TimeProvider time)
{
    /// <summary>Runs the function.</summary>
    [Function("DismissMeeting")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workspaces/{workspaceId}/meetings/{eventKey}/dismiss")] HttpRequest request, string workspaceId, string eventKey, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await MeetingsEndpoints.DismissMeetingAsync(request, workspaceId, eventKey, records, time, cancellationToken));
}
