using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary>One ticket with its thread of messages and meetings, oldest first.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Thread">Its EmailEvents in sent order.</param>
public sealed record TicketDetail(Ticket Ticket, IReadOnlyList<EmailEvent> Thread);

/// <summary><c>GET …/tickets</c> and <c>…/tickets/{ticketId}</c>: tickets, and one ticket with its thread of messages and meetings.</summary>
public static class ListTicketsFunction
{
    /// <summary>Maps the functions.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/tickets", async Task<Ok<IReadOnlyList<Ticket>>> (string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
            TypedResults.Ok(await records.ListTicketsAsync(workspaceId, cancellationToken)))
            .WithName("ListTickets")
            .WithSummary("Tickets, most recently active first.");
        workspace.MapGet("/tickets/{ticketId}", async Task<Results<Ok<TicketDetail>, ProblemHttpResult>> (
            string workspaceId, string ticketId, IRecordStore records, CancellationToken cancellationToken) =>
        {
            var ticket = (await records.ListTicketsAsync(workspaceId, cancellationToken)).FirstOrDefault(t => t.TicketId == ticketId);
            if (ticket is null)
            {
                return PortalRoutes.NotFound($"No ticket '{ticketId}' in this workspace.");
            }
            var thread = (await records.ListEventsAsync(workspaceId, cancellationToken)).Where(e => e.TicketId == ticketId).ToList();
            return TypedResults.Ok(new TicketDetail(ticket, thread));
        })
        .WithName("GetTicket")
        .WithSummary("One ticket with its thread of messages and meetings.");
    }
}
