using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>One ticket with its thread of messages and meetings, oldest first.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Thread">Its EmailEvents in sent order.</param>
public sealed record TicketDetail(Ticket Ticket, IReadOnlyList<EmailEvent> Thread);

/// <summary><c>GET …/tickets</c> and <c>…/tickets/{ticketId}</c>: tickets, and one ticket with its thread of messages and meetings.</summary>
public static class TicketsEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/tickets", ListTicketsAsync).WithName("ListTickets").WithSummary("Tickets, most recently active first.");
        workspace.MapGet("/tickets/{ticketId}", GetTicketAsync).WithName("GetTicket").WithSummary("One ticket with its thread of messages and meetings.");
    }

    /// <summary>Tickets, most recently active first.</summary>
    public static async Task<Ok<IReadOnlyList<Ticket>>> ListTicketsAsync(string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.ListTicketsAsync(workspaceId, cancellationToken));

    /// <summary>One ticket with its thread, or 404.</summary>
    public static async Task<Results<Ok<TicketDetail>, ProblemHttpResult>> GetTicketAsync(
        string workspaceId, string ticketId, IRecordStore records, CancellationToken cancellationToken)
    {
        var ticket = (await records.ListTicketsAsync(workspaceId, cancellationToken)).FirstOrDefault(t => t.TicketId == ticketId);
        if (ticket is null)
        {
            return PortalRoutes.NotFound($"No ticket '{ticketId}' in this workspace.");
        }
        var thread = (await records.ListEventsAsync(workspaceId, cancellationToken)).Where(e => e.TicketId == ticketId).ToList();
        return TypedResults.Ok(new TicketDetail(ticket, thread));
    }
}
