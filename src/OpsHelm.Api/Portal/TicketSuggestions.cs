using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>
/// Tickets an operator may assign an exception's message to: the ticket of its thread, tickets of earlier mail from the same
/// sender, and tickets of the sender's customer (by the workspace's customer domains), each with why; at most five.
/// </summary>
public static class TicketSuggestions
{
    private const int MaxSuggestions = 5;
    private const int SenderMessagesRead = 25;

    /// <summary>The suggestions for <paramref name="emailEvent"/> (<paramref name="message"/> is its archived copy, if any).</summary>
    public static async Task<IReadOnlyList<TicketSuggestion>> ForAsync(
        EmailEvent emailEvent, InboundMessage? message, Func<Task<IReadOnlyList<Ticket>>> tickets, MessageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailEvent);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(services);
        var workspaceId = emailEvent.WorkspaceId;
        var suggestions = new List<TicketSuggestion>();
        void Add(string ticketId, string why)
        {
            if (suggestions.Count < MaxSuggestions && !suggestions.Any(s => s.TicketId.Equals(ticketId, StringComparison.OrdinalIgnoreCase)))
            {
                suggestions.Add(new TicketSuggestion(ticketId, why));
            }
        }

        var threadKeys = message is not null ? services.Pipeline.ThreadKeysOf(message)
            : emailEvent.ConversationId is { Length: > 0 } conversation ? ["conv:" + conversation] : [];
        if (await services.Records.FindThreadTicketAsync(workspaceId, threadKeys, cancellationToken) is { } thread)
        {
            Add(thread.Id, "same thread");
        }
        var address = message?.From?.Address ?? emailEvent.From;
        if (string.IsNullOrEmpty(address))
        {
            return suggestions;
        }
        var earlier = await services.Records.SearchEventsAsync(workspaceId, new Core.Ports.MessageSearch(From: address, Limit: SenderMessagesRead), cancellationToken);
        foreach (var other in earlier.Items)
        {
            if (other.TicketId is { } ticketId && other.Key != emailEvent.Key && string.Equals(other.From, address, StringComparison.OrdinalIgnoreCase))
            {
                Add(ticketId, $"earlier mail from {address}");
            }
        }
        if (services.Registry.Find(workspaceId) is not null
            && services.Registry.ProfileOf(workspaceId).CustomerOfDomain(new Participant(address)) is { } customer)
        {
            foreach (var ticket in (await tickets()).Where(t => string.Equals(t.Customer, customer, StringComparison.OrdinalIgnoreCase)))
            {
                Add(ticket.TicketId, $"customer {customer}");
            }
        }
        return suggestions;
    }
}
