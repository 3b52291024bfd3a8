using OpsHelm.Core.Records;

namespace OpsHelm.Core.Pipeline;

/// <summary>What one message tells about its ticket; merged into the stored Ticket by <see cref="TicketMerger"/>.</summary>
public sealed record TicketObservation(
    string TicketId,
    TicketSystem System,
    string? Customer,
    string? Priority,
    StatusBucket? Status,
    TouchKind Touch,
    DateTimeOffset At,
    bool Urgent,
    string Subject);
