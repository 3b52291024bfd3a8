using Azure;
using Azure.Data.Tables;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>A checkpoint row: PartitionKey = workspace, RowKey = mailbox and folder.</summary>
internal sealed class CheckpointEntity : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";
    /// <inheritdoc />
    public string RowKey { get; set; } = "";
    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }
    /// <inheritdoc />
    public ETag ETag { get; set; }
    /// <summary>Workspace.</summary>
    public string WorkspaceId { get; set; } = "";
    /// <summary>Mailbox address or number.</summary>
    public string Mailbox { get; set; } = "";
    /// <summary>Folder.</summary>
    public string Folder { get; set; } = "";
    /// <summary>Graph delta link, Gmail historyId, IMAP UID or source position.</summary>
    public string? Checkpoint { get; set; }
    /// <summary>End of the last successful run.</summary>
    public DateTimeOffset? LastSuccessfulRun { get; set; }
    /// <summary>The last message recorded.</summary>
    public string? LastProcessedMessageId { get; set; }

    /// <summary>The row for <paramref name="state"/>.</summary>
    public static CheckpointEntity From(ProcessingState state) => new()
    {
        WorkspaceId = state.WorkspaceId,
        Mailbox = state.Mailbox,
        Folder = state.Folder,
        Checkpoint = state.Checkpoint,
        LastSuccessfulRun = state.LastSuccessfulRun,
        LastProcessedMessageId = state.LastProcessedMessageId,
    };

    /// <summary>The checkpoint this row holds.</summary>
    public ProcessingState ToState() => new()
    {
        WorkspaceId = WorkspaceId,
        Mailbox = Mailbox,
        Folder = Folder,
        Checkpoint = Checkpoint,
        LastSuccessfulRun = LastSuccessfulRun,
        LastProcessedMessageId = LastProcessedMessageId,
    };
}
