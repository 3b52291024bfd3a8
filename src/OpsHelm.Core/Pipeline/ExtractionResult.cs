using OpsHelm.Core.Extraction;

namespace OpsHelm.Core.Pipeline;

/// <summary>What step 5 read from a message: ticket fields, asks, promises, and whether it calls anything urgent.</summary>
public sealed record ExtractionResult(TicketFields? Ticket, IReadOnlyList<Ask> Asks, IReadOnlyList<Promise> Promises, bool Urgent, IReadOnlyList<string> Evidence);
