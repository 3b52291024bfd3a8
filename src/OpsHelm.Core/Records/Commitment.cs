namespace OpsHelm.Core.Records;

/// <summary>A promise we made in a message we sent; key = hash of workspace, source message and normalized promise text.</summary>
public sealed record Commitment
{
    /// <summary>Deterministic key.</summary>
    public required string Key { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>The message it was made in.</summary>
    public required string SourceEventKey { get; init; }
    /// <summary>The promise as written.</summary>
    public required string Text { get; init; }
    /// <summary>Who it was made to.</summary>
    public string? Recipient { get; init; }
    /// <summary>The ticket it concerns, if any.</summary>
    public string? TicketId { get; init; }
    /// <summary>When it is due, if stated.</summary>
    public DateTimeOffset? Due { get; init; }
    /// <summary>When to remind.</summary>
    public DateTimeOffset? ReminderAt { get; init; }
    /// <summary>When it was made.</summary>
    public DateTimeOffset MadeAt { get; init; }
    /// <summary>Open, Kept or Dismissed.</summary>
    public string Status { get; init; } = "Open";
}
