using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/tickets/{ticketId}</c>: One ticket with its thread.</summary>
public sealed class GetTicketFunction(WorkspaceAccess access, IRecordStore records)
{
    /// <summary>Runs the function.</summary>
    [Function("GetTicket")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/tickets/{ticketId}")] HttpRequest request, string workspaceId, string ticketId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await TicketsEndpoints.GetTicketAsync(workspaceId, ticketId, records, cancellationToken));
}
