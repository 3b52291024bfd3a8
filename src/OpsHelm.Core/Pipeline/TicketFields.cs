using OpsHelm.Core.Records;

namespace OpsHelm.Core.Pipeline;

/// <summary>The ticket fields a message states (step 5); inherited threads report only what the message itself says.</summary>
public sealed record TicketFields(string Id, TicketSystem System, string? Customer, string? Priority, StatusBucket? StatusCue);
