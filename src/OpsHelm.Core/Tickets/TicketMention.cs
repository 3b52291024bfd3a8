using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tickets;

/// <summary>A ticket id found in a text, at a position.</summary>
/// <param name="Id">The id.</param>
/// <param name="System">Its ticket system.</param>
/// <param name="Index">Where it starts in the text.</param>
/// <param name="Evidence">What matched.</param>
/// <param name="RequiresTicketSender">True for a form other help desks use too; it counts only from the system's configured sender.</param>
public sealed record TicketMention(string Id, TicketSystem System, int Index, string Evidence, bool RequiresTicketSender = false);
