using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Pipeline;

/// <summary>Everything steps 4–7 made of one message, ready to be recorded in one unit.</summary>
public sealed record MessageOutcome
{
    /// <summary>The EmailEvent (always).</summary>
    public required EmailEvent Event { get; init; }
    /// <summary>Classification with evidence.</summary>
    public required Classification Classification { get; init; }
    /// <summary>Fields, asks and promises.</summary>
    public required ExtractionResult Extraction { get; init; }
    /// <summary>What to merge into the ticket, if the message has one.</summary>
    public TicketObservation? Ticket { get; init; }
    /// <summary>Keys of the message's thread (conversation, watermarks) that should point at its ticket.</summary>
    public IReadOnlyList<string> ThreadKeys { get; init; } = [];
    /// <summary>Tasks raised.</summary>
    public IReadOnlyList<WorkTask> Tasks { get; init; } = [];
    /// <summary>Commitments made.</summary>
    public IReadOnlyList<Commitment> Commitments { get; init; } = [];
    /// <summary>Exceptions raised.</summary>
    public IReadOnlyList<ExceptionRecord> Exceptions { get; init; } = [];
    /// <summary>Attachments that passed the policy and are to be stored.</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> when a task, commitment or exception names another workspace than the event (a caller bug).</summary>
    public void EnsureOneWorkspace()
    {
        var workspaceId = Event.WorkspaceId;
        var strays = Tasks.Select(t => t.WorkspaceId)
            .Concat(Commitments.Select(c => c.WorkspaceId))
            .Concat(Exceptions.Select(e => e.WorkspaceId))
            .Where(id => id != workspaceId)
            .Distinct()
            .ToList();
        if (strays.Count > 0)
        {
            throw new ArgumentException(
                $"The outcome of event '{Event.Key}' in workspace '{workspaceId}' carries records of workspace(s) {string.Join(", ", strays.Select(s => $"'{s}'"))}.");
        }
    }
}
