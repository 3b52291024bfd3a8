using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Access;
using OpsHelm.Api.Portal;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces/{workspaceId}/tickets</c>: Tickets, most recently active first.</summary>
public sealed class ListTicketsFunction(WorkspaceAccess access, IRecordStore records)
{
    /// <summary>Runs the function.</summary>
    [Function("ListTickets")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workspaces/{workspaceId}/tickets")] HttpRequest request, string workspaceId, CancellationToken cancellationToken) =>
        new ResultAction(PortalRoutes.Refusal(request.HttpContext, access, workspaceId)
            ?? await TicketsEndpoints.ListTicketsAsync(workspaceId, records, cancellationToken));
}
