using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Core.Pipeline;

/// <summary>The outcome of step 4: category, confidence, the evidence, and the ticket decision when the message is ticket traffic.</summary>
public sealed record Classification(Category Category, double Confidence, IReadOnlyList<string> Evidence, TicketDecision? Ticket);
