using OpsHelm.Core.Messages;

namespace OpsHelm.Core.Ports;

/// <summary>A page of source items and the checkpoints to write once every item of it is recorded.</summary>
public sealed record SourceBatch(IReadOnlyList<SourceItem> Items, IReadOnlyList<StreamCheckpoint> Checkpoints);

/// <summary>Where a mailbox folder's stream stands after a batch.</summary>
public sealed record StreamCheckpoint(string Mailbox, string Folder, string Checkpoint, string? LastMessageId);
