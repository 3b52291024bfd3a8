namespace OpsHelm.Core.Records;

/// <summary>A ticket as OpsHelm sees it; key (workspaceId, ticketId).</summary>
public sealed record Ticket
{
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Ticket id as the ticket system writes it.</summary>
    public required string TicketId { get; init; }
    /// <summary>Ticket system.</summary>
    public required TicketSystem System { get; init; }
    /// <summary>Customer, when known.</summary>
    public string? Customer { get; init; }
    /// <summary>P1–P4, when stated.</summary>
    public string? Priority { get; init; }
    /// <summary>Where it stands.</summary>
    public StatusBucket StatusBucket { get; init; } = StatusBucket.New;
    /// <summary>Latest message from the customer side.</summary>
    public DateTimeOffset? LastCustomerTouch { get; init; }
    /// <summary>Latest message from our side.</summary>
    public DateTimeOffset? LastInternalTouch { get; init; }
    /// <summary>Latest message of any kind about it.</summary>
    public DateTimeOffset LastActivity { get; init; }
    /// <summary>Flags: P1, Stale, CustomerWaiting, Urgent.</summary>
    public IReadOnlyList<string> RiskFlags { get; init; } = [];
    /// <summary>What should happen next.</summary>
    public string NextAction { get; init; } = "";
    /// <summary>Subject of the first message seen about it.</summary>
    public string Title { get; init; } = "";
    /// <summary>How many messages belong to it.</summary>
    public int MessageCount { get; init; }
    /// <summary>When a backfill first recorded the ticket; staleness already past then raises no task.</summary>
    public DateTimeOffset? BackfilledAt { get; init; }
}
