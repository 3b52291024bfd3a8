namespace OpsHelm.Core.Records;

/// <summary>A Task (DESIGN §4): an ask to answer, a promise to keep, or a stale ticket to chase; deterministic id.</summary>
public sealed record WorkTask
{
    /// <summary>Deterministic id.</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Ask, Promise or StaleTicket.</summary>
    public required string Kind { get; init; }
    /// <summary>What to do (plain text).</summary>
    public required string Title { get; init; }
    /// <summary>The message that raised it, if any.</summary>
    public string? SourceEventKey { get; init; }
    /// <summary>The ticket it concerns, if any.</summary>
    public string? TicketId { get; init; }
    /// <summary>When it is due, if known.</summary>
    public DateTimeOffset? Due { get; init; }
    /// <summary>Open or Done.</summary>
    public string Status { get; init; } = "Open";
    /// <summary>When it was raised.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
