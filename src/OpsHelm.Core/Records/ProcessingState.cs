namespace OpsHelm.Core.Records;

/// <summary>Where reading stopped, per workspace + mailbox + folder.</summary>
public sealed record ProcessingState
{
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Mailbox address or number.</summary>
    public required string Mailbox { get; init; }
    /// <summary>Folder.</summary>
    public required string Folder { get; init; }
    /// <summary>Provider checkpoint: Graph delta link, Gmail historyId, or a source position.</summary>
    public string? Checkpoint { get; init; }
    /// <summary>End of the last successful run.</summary>
    public DateTimeOffset? LastSuccessfulRun { get; init; }
    /// <summary>The last message recorded.</summary>
    public string? LastProcessedMessageId { get; init; }
}
