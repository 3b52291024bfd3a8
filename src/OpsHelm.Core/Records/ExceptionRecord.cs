namespace OpsHelm.Core.Records;

/// <summary>A message that needs an operator: linked to its EmailEvent, with a reason and details.</summary>
public sealed record ExceptionRecord
{
    /// <summary>Deterministic id (workspace, event key, reason).</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>The EmailEvent key (or the source line's key for a parse failure).</summary>
    public required string EventKey { get; init; }
    /// <summary>The message id as the results name it (<c>line:n</c> for a parse failure).</summary>
    public required string MessageId { get; init; }
    /// <summary>Why.</summary>
    public required ExceptionReason Reason { get; init; }
    /// <summary>What exactly.</summary>
    public required string Details { get; init; }
    /// <summary>Open, Resolved or Dismissed.</summary>
    public string Status { get; init; } = "Open";
    /// <summary>When it was recorded.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The run that recorded it.</summary>
    public string? RunId { get; init; }
    /// <summary>What triage decided (resolved, dismissed, assigned to a ticket) and the operator's note.</summary>
    public string? Resolution { get; init; }
    /// <summary>When triage decided.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>Who decided.</summary>
    public string? ResolvedBy { get; init; }
}
