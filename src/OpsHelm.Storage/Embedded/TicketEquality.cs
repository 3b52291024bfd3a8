using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Embedded;

/// <summary>Value equality of tickets (record equality compares the risk-flag lists by reference): an unchanged ticket is not rewritten.</summary>
internal static class TicketEquality
{
    public static bool Same(Ticket a, Ticket b) =>
        a.RiskFlags.SequenceEqual(b.RiskFlags, StringComparer.Ordinal) && a with { RiskFlags = b.RiskFlags } == b;
}
