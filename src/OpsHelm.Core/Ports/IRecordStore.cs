using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Core.Ports;

/// <summary>The records of every workspace: events, tickets, tasks, commitments, exceptions and runs. Every call is scoped to one workspace.</summary>
public interface IRecordStore
{
    /// <summary>True when the EmailEvent <paramref name="eventKey"/> is recorded.</summary>
    Task<bool> HasEventAsync(string workspaceId, string eventKey, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="eventKeys"/> that are recorded (reconciliation).</summary>
    Task<IReadOnlySet<string>> FindRecordedEventKeysAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken);

    /// <summary>Recorded EmailEvents carrying <paramref name="internetMessageId"/> (to notice a Message-ID reused under another provider id).</summary>
    Task<IReadOnlyList<EmailEvent>> FindEventsByInternetMessageIdAsync(string workspaceId, string internetMessageId, CancellationToken cancellationToken);

    /// <summary>The ticket the first known of <paramref name="threadKeys"/> belongs to.</summary>
    Task<ThreadTicket?> FindThreadTicketAsync(string workspaceId, IReadOnlyList<string> threadKeys, CancellationToken cancellationToken);

    /// <summary>
    /// Records an outcome in one unit: the EmailEvent, the ticket (read, merged with <paramref name="mergeTicket"/>, written),
    /// thread keys, tasks, commitments and exceptions. Writes nothing when the EmailEvent already exists.
    /// </summary>
    Task<RecordResult> RecordAsync(MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, CancellationToken cancellationToken);

    /// <summary>
    /// Records an outcome again after triage re-ran normalization for its message: the EmailEvent is replaced, the ticket
    /// merged, and thread keys, tasks, commitments and exceptions added where absent (existing ones keep their status).
    /// </summary>
    Task<RecordResult> RerecordAsync(MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, CancellationToken cancellationToken);

    /// <summary>Writes an exception's new status (triage); false when the workspace has no such exception.</summary>
    Task<bool> SaveExceptionAsync(ExceptionRecord exception, CancellationToken cancellationToken);

    /// <summary>Records an exception not tied to a recorded EmailEvent (a parse failure); false when it already exists.</summary>
    Task<bool> RecordExceptionAsync(ExceptionRecord exception, CancellationToken cancellationToken);

    /// <summary>Creates a task unless one with its id exists; true when created.</summary>
    Task<bool> AddTaskAsync(WorkTask task, CancellationToken cancellationToken);

    /// <summary>Writes a ticket (risk re-evaluation).</summary>
    Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken);

    /// <summary>Creates or updates a run.</summary>
    Task SaveRunAsync(IngestionRun run, CancellationToken cancellationToken);

    /// <summary>Run <paramref name="runId"/> of the workspace, or null.</summary>
    Task<IngestionRun?> FindRunAsync(string workspaceId, string runId, CancellationToken cancellationToken);

    /// <summary>Runs, newest first.</summary>
    Task<IReadOnlyList<IngestionRun>> ListRunsAsync(string workspaceId, int limit, CancellationToken cancellationToken);

    /// <summary>Tickets, most recently active first.</summary>
    Task<IReadOnlyList<Ticket>> ListTicketsAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Exceptions, optionally of one status, newest first.</summary>
    Task<IReadOnlyList<ExceptionRecord>> ListExceptionsAsync(string workspaceId, string? status, CancellationToken cancellationToken);

    /// <summary>Commitments by due date.</summary>
    Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Tasks by due date.</summary>
    Task<IReadOnlyList<WorkTask>> ListTasksAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>EmailEvents in sent order.</summary>
    Task<IReadOnlyList<EmailEvent>> ListEventsAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="eventKeys"/> that are recorded, as EmailEvents (in no particular order).</summary>
    Task<IReadOnlyList<EmailEvent>> FindEventsAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken);

    /// <summary>One page of the workspace's EmailEvents matching <paramref name="search"/>, newest first.</summary>
    Task<MessagePage> SearchEventsAsync(string workspaceId, MessageSearch search, CancellationToken cancellationToken);

    /// <summary>The tasks, commitments and exceptions raised by the EmailEvent <paramref name="eventKey"/>.</summary>
    Task<MessageRecords> FindMessageRecordsAsync(string workspaceId, string eventKey, CancellationToken cancellationToken);

    /// <summary>
    /// Dismisses the Meeting EmailEvent <paramref name="eventKey"/>; dismissing it again keeps the first time. False when the
    /// workspace has no Meeting EmailEvent with that key.
    /// </summary>
    Task<bool> DismissMeetingAsync(string workspaceId, string eventKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The workspace's meeting dismissals, in event key order.</summary>
    Task<IReadOnlyList<MeetingDismissal>> ListDismissedMeetingsAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Ids of the workspaces that have records.</summary>
    Task<IReadOnlyList<string>> ListWorkspacesAsync(CancellationToken cancellationToken);
}
