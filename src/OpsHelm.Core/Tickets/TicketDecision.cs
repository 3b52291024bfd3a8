using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tickets;

/// <summary>Whether a message is ticket traffic, and which ticket it belongs to.</summary>
/// <param name="Id">The ticket id; null for ticket traffic without one.</param>
/// <param name="System">The id's ticket system.</param>
/// <param name="Confidence">How sure the decision is.</param>
/// <param name="Evidence">Why.</param>
/// <param name="Conflict">Details when the message names different tickets.</param>
/// <param name="Inherited">True when the id came from the thread, not from the message itself.</param>
public sealed record TicketDecision(
    string? Id,
    TicketSystem? System,
    double Confidence,
    IReadOnlyList<string> Evidence,
    string? Conflict = null,
    bool Inherited = false)
{
    /// <summary>True for ticket traffic that names no ticket.</summary>
    public bool MissingId => Id is null;
}
