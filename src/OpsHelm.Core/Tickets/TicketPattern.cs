using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tickets;

/// <summary>Recognises the ticket ids of one ticket system in text.</summary>
public abstract class TicketPattern
{
    /// <summary>The system whose ids this pattern finds.</summary>
    public abstract TicketSystem System { get; }

    /// <summary>Every id mentioned in <paramref name="text"/>, in order of position.</summary>
    public abstract IEnumerable<TicketMention> Find(string text, string where);
}
