using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ingestion;

/// <summary>A run's position per mailbox folder, carried from page to page by the driver (the orchestration's state).</summary>
public static class Cursor
{
    /// <summary><paramref name="cursor"/> with each of <paramref name="checkpoints"/> replacing the entry of its mailbox folder.</summary>
    public static IReadOnlyList<StreamCheckpoint> Advance(IReadOnlyList<StreamCheckpoint> cursor, IReadOnlyList<StreamCheckpoint> checkpoints)
    {
        var merged = cursor.ToList();
        foreach (var checkpoint in checkpoints)
        {
            var index = merged.FindIndex(c => Same(c.Mailbox, c.Folder, checkpoint.Mailbox, checkpoint.Folder));
            if (index >= 0)
            {
                merged[index] = checkpoint;
            }
            else
            {
                merged.Add(checkpoint);
            }
        }
        return merged;
    }

    /// <summary>The stored states with the run's cursor laid over them: where a (resumed) pull reads from.</summary>
    public static IReadOnlyList<ProcessingState> Merge(IReadOnlyList<ProcessingState> stored, IReadOnlyList<StreamCheckpoint> cursor, string workspaceId)
    {
        var merged = stored.ToList();
        foreach (var checkpoint in cursor)
        {
            var state = new ProcessingState
            {
                WorkspaceId = workspaceId,
                Mailbox = checkpoint.Mailbox,
                Folder = checkpoint.Folder,
                Checkpoint = checkpoint.Checkpoint,
                LastProcessedMessageId = checkpoint.LastMessageId,
            };
            var index = merged.FindIndex(s => Same(s.Mailbox, s.Folder, checkpoint.Mailbox, checkpoint.Folder));
            if (index >= 0)
            {
                merged[index] = merged[index] with { Checkpoint = state.Checkpoint, LastProcessedMessageId = state.LastProcessedMessageId };
            }
            else
            {
                merged.Add(state);
            }
        }
        return merged;
    }

    private static bool Same(string mailbox, string folder, string otherMailbox, string otherFolder) =>
        mailbox.Equals(otherMailbox, StringComparison.OrdinalIgnoreCase) && folder.Equals(otherFolder, StringComparison.OrdinalIgnoreCase);
}
