using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tickets;

/// <summary>The ticket a conversation already belongs to.</summary>
public sealed record ThreadTicket(string Id, TicketSystem System);
