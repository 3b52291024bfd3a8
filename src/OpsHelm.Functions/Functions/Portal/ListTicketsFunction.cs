using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/tickets</c> and <c>…/tickets/{ticketId}</c>: tickets, and one ticket with its thread of messages and meetings.</summary>
public static class ListTicketsFunction
{
    /// <summary>Maps the functions.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/tickets", async (string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
            Results.Ok(await records.ListTicketsAsync(workspaceId, cancellationToken)))
            .WithName("ListTickets");
        workspace.MapGet("/tickets/{ticketId}", async (string workspaceId, string ticketId, IRecordStore records, CancellationToken cancellationToken) =>
        {
            var ticket = (await records.ListTicketsAsync(workspaceId, cancellationToken)).FirstOrDefault(t => t.TicketId == ticketId);
            if (ticket is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No ticket '{ticketId}' in this workspace.");
            }
            var thread = (await records.ListEventsAsync(workspaceId, cancellationToken)).Where(e => e.TicketId == ticketId).ToList();
            return Results.Ok(new { ticket, thread });
        }).WithName("GetTicket");
    }
}
