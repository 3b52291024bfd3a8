using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tickets;

/// <summary>A ticket id found in a text, at a position.</summary>
public sealed record TicketMention(string Id, TicketSystem System, int Index, string Evidence);
