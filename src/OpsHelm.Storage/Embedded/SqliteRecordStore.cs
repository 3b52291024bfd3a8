using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Storage.Embedded;

/// <summary>The records of every workspace in the embedded SQLite file; every statement is scoped by workspace id.</summary>
internal sealed partial class SqliteRecordStore(SqliteDatabase database) : IRecordStore
{
    public async Task<bool> HasEventAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        return await EventExistsAsync(lease, workspaceId, eventKey, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindRecordedEventKeysAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        await using var lease = await database.LeaseAsync(cancellationToken);
        foreach (var eventKey in eventKeys.Distinct(StringComparer.Ordinal))
        {
            if (await EventExistsAsync(lease, workspaceId, eventKey, cancellationToken))
            {
                recorded.Add(eventKey);
            }
        }
        return recorded;
    }

    public async Task<IReadOnlyList<EmailEvent>> FindEventsByInternetMessageIdAsync(string workspaceId, string internetMessageId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM email_events WHERE workspace_id = $ws AND internet_message_id = $id ORDER BY sent_at, rowid;",
            StoreJson.Default.EmailEvent, cancellationToken, ("$ws", workspaceId), ("$id", internetMessageId));
    }

    public async Task<ThreadTicket?> FindThreadTicketAsync(string workspaceId, IReadOnlyList<string> threadKeys, CancellationToken cancellationToken)
    {
        if (threadKeys.Count == 0)
        {
            return null;
        }
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement(
            "SELECT ticket_id, system FROM thread_keys WHERE workspace_id = $ws AND thread_key = $key;");
        command.Parameters.AddWithValue("$ws", workspaceId);
        var key = command.Parameters.AddWithValue("$key", "");
        foreach (var threadKey in threadKeys)
        {
            key.Value = threadKey;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new ThreadTicket(reader.GetString(0), Enum.Parse<TicketSystem>(reader.GetString(1)));
            }
        }
        return null;
    }

    public Task<RecordResult> RecordAsync(MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, CancellationToken cancellationToken) =>
        RecordOutcomeAsync(outcome, mergeTicket, replace: false, cancellationToken);

    public Task<RecordResult> RerecordAsync(MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, CancellationToken cancellationToken) =>
        RecordOutcomeAsync(outcome, mergeTicket, replace: true, cancellationToken);

    public async Task<bool> SaveExceptionAsync(ExceptionRecord exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            UPDATE exceptions SET status = $status, data = $data WHERE workspace_id = $ws AND exception_id = $id;
            """)
            .With("$ws", exception.WorkspaceId)
            .With("$id", exception.Id)
            .With("$status", exception.Status)
            .With("$data", JsonSerializer.Serialize(exception, StoreJson.Default.ExceptionRecord));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<RecordResult> RecordOutcomeAsync(MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(mergeTicket);
        outcome.EnsureOneWorkspace();

        await using var lease = await database.LeaseAsync(cancellationToken);
        return await lease.InUnitAsync(async () =>
        {
            var result = await WriteOutcomeAsync(lease, outcome, mergeTicket, replace, cancellationToken);
            return (result.Recorded, result);
        });
    }

    private static async Task<RecordResult> WriteOutcomeAsync(
        SqliteLease lease, MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, bool replace, CancellationToken cancellationToken)
    {
        var workspaceId = outcome.Event.WorkspaceId;
        if (replace)
        {
            var remove = lease.Statement("DELETE FROM email_events WHERE workspace_id = $ws AND event_key = $key;")
                .With("$ws", workspaceId)
                .With("$key", outcome.Event.Key);
            await remove.ExecuteNonQueryAsync(cancellationToken);
        }
        else if (await EventExistsAsync(lease, workspaceId, outcome.Event.Key, cancellationToken))
        {
            return RecordResult.AlreadyRecorded;
        }
        await InsertEventAsync(lease, outcome.Event, cancellationToken);

        var ticketCreated = false;
        var ticketUpdated = false;
        if (outcome.Ticket is { } observation)
        {
            var existing = await ReadTicketAsync(lease, workspaceId, observation.TicketId, cancellationToken);
            var merged = mergeTicket(existing);
            if (merged.WorkspaceId != workspaceId || merged.TicketId != observation.TicketId)
            {
                throw new InvalidOperationException(
                    $"The ticket merge returned ticket '{merged.TicketId}' of workspace '{merged.WorkspaceId}' for ticket '{observation.TicketId}' of workspace '{workspaceId}'.");
            }
            if (existing is null || !TicketEquality.Same(existing, merged))
            {
                await UpsertTicketAsync(lease, merged, cancellationToken);
            }
            foreach (var threadKey in outcome.ThreadKeys.Distinct(StringComparer.Ordinal))
            {
                var link = lease.Statement("""
                    INSERT INTO thread_keys (workspace_id, thread_key, ticket_id, system)
                    VALUES ($ws, $key, $ticket, $system)
                    ON CONFLICT (workspace_id, thread_key) DO UPDATE SET ticket_id = excluded.ticket_id, system = excluded.system
                    WHERE ticket_id IS NOT excluded.ticket_id OR system IS NOT excluded.system;
                    """)
                    .With("$ws", workspaceId)
                    .With("$key", threadKey)
                    .With("$ticket", merged.TicketId)
                    .With("$system", merged.System.ToString());
                await link.ExecuteNonQueryAsync(cancellationToken);
            }
            ticketCreated = existing is null;
            ticketUpdated = existing is not null;
        }

        var tasks = 0;
        foreach (var task in outcome.Tasks)
        {
            tasks += await InsertTaskAsync(lease, task, cancellationToken);
        }
        var commitments = 0;
        foreach (var commitment in outcome.Commitments)
        {
            commitments += await InsertCommitmentAsync(lease, commitment, cancellationToken);
        }
        var exceptions = 0;
        foreach (var exception in outcome.Exceptions)
        {
            exceptions += await InsertExceptionAsync(lease, exception, cancellationToken);
        }
        return new RecordResult(true, ticketCreated, ticketUpdated, tasks, commitments, exceptions);
    }

    public async Task<bool> RecordExceptionAsync(ExceptionRecord exception, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        return await InsertExceptionAsync(lease, exception, cancellationToken) == 1;
    }

    public async Task<bool> AddTaskAsync(WorkTask task, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        return await InsertTaskAsync(lease, task, cancellationToken) == 1;
    }

    public async Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        await UpsertTicketAsync(lease, ticket, cancellationToken);
    }

    public async Task SaveRunAsync(IngestionRun run, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            INSERT INTO runs (workspace_id, run_id, started_at, status, data)
            VALUES ($ws, $id, $started, $status, $data)
            ON CONFLICT (workspace_id, run_id) DO UPDATE SET
                started_at = excluded.started_at, status = excluded.status, data = excluded.data;
            """)
            .With("$ws", run.WorkspaceId)
            .With("$id", run.RunId)
            .With("$started", run.StartedAt.ToUnixMs())
            .With("$status", run.Status)
            .With("$data", JsonSerializer.Serialize(run, StoreJson.Default.IngestionRun));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IngestionRun?> FindRunAsync(string workspaceId, string runId, CancellationToken cancellationToken)
    {
        var found = await database.QueryJsonAsync(
            "SELECT data FROM runs WHERE workspace_id = $ws AND run_id = $id;",
            StoreJson.Default.IngestionRun, cancellationToken, ("$ws", workspaceId), ("$id", runId));
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<IngestionRun>> ListRunsAsync(string workspaceId, int limit, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM runs WHERE workspace_id = $ws ORDER BY started_at DESC, run_id DESC LIMIT $limit;",
            StoreJson.Default.IngestionRun, cancellationToken, ("$ws", workspaceId), ("$limit", Math.Max(0, limit)));
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM tickets WHERE workspace_id = $ws ORDER BY last_activity DESC, ticket_id;",
            StoreJson.Default.Ticket, cancellationToken, ("$ws", workspaceId));
    }

    public async Task<IReadOnlyList<ExceptionRecord>> ListExceptionsAsync(string workspaceId, string? status, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            """
            SELECT data FROM exceptions
            WHERE workspace_id = $ws AND ($status IS NULL OR status = $status COLLATE NOCASE)
            ORDER BY created_at DESC, rowid DESC;
            """,
            StoreJson.Default.ExceptionRecord, cancellationToken, ("$ws", workspaceId), ("$status", status));
    }

    public async Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM commitments WHERE workspace_id = $ws ORDER BY due IS NULL, due, made_at, commitment_key;",
            StoreJson.Default.Commitment, cancellationToken, ("$ws", workspaceId));
    }

    public async Task<IReadOnlyList<WorkTask>> ListTasksAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM tasks WHERE workspace_id = $ws ORDER BY due IS NULL, due, created_at, task_id;",
            StoreJson.Default.WorkTask, cancellationToken, ("$ws", workspaceId));
    }

    public async Task<IReadOnlyList<EmailEvent>> ListEventsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM email_events WHERE workspace_id = $ws ORDER BY sent_at, rowid;",
            StoreJson.Default.EmailEvent, cancellationToken, ("$ws", workspaceId));
    }

    public async Task<IReadOnlyList<string>> ListWorkspacesAsync(CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var command = lease.Statement("""
            SELECT workspace_id FROM runs
            UNION SELECT workspace_id FROM email_events
            UNION SELECT workspace_id FROM exceptions
            ORDER BY 1;
            """);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static async Task<bool> EventExistsAsync(SqliteLease lease, string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        var command = lease.Statement(
            "SELECT EXISTS (SELECT 1 FROM email_events WHERE workspace_id = $ws AND event_key = $key);")
            .With("$ws", workspaceId)
            .With("$key", eventKey);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    private static async Task InsertEventAsync(SqliteLease lease, EmailEvent emailEvent, CancellationToken cancellationToken)
    {
        var command = lease.Statement("""
            INSERT INTO email_events (workspace_id, event_key, sent_at, category, ticket_id, run_id, internet_message_id, data)
            VALUES ($ws, $key, $sent, $category, $ticket, $run, $internetId, $data);
            """)
            .With("$internetId", emailEvent.InternetMessageId)
            .With("$ws", emailEvent.WorkspaceId)
            .With("$key", emailEvent.Key)
            .With("$sent", emailEvent.SentAt.ToUnixMs())
            .With("$category", emailEvent.Category.ToString())
            .With("$ticket", emailEvent.TicketId)
            .With("$run", emailEvent.RunId)
            .With("$data", JsonSerializer.Serialize(emailEvent, StoreJson.Default.EmailEvent));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Ticket?> ReadTicketAsync(SqliteLease lease, string workspaceId, string ticketId, CancellationToken cancellationToken)
    {
        var command = lease.Statement(
            "SELECT data FROM tickets WHERE workspace_id = $ws AND ticket_id = $id;")
            .With("$ws", workspaceId)
            .With("$id", ticketId);
        var tickets = await command.ReadJsonAsync(StoreJson.Default.Ticket, cancellationToken);
        return tickets.Count == 0 ? null : tickets[0];
    }

    private static async Task UpsertTicketAsync(SqliteLease lease, Ticket ticket, CancellationToken cancellationToken)
    {
        var command = lease.Statement("""
            INSERT INTO tickets (workspace_id, ticket_id, system, status, last_activity, data)
            VALUES ($ws, $id, $system, $status, $activity, $data)
            ON CONFLICT (workspace_id, ticket_id) DO UPDATE SET
                system = excluded.system, status = excluded.status, last_activity = excluded.last_activity, data = excluded.data;
            """)
            .With("$ws", ticket.WorkspaceId)
            .With("$id", ticket.TicketId)
            .With("$system", ticket.System.ToString())
            .With("$status", ticket.StatusBucket.ToString())
            .With("$activity", ticket.LastActivity.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(ticket, StoreJson.Default.Ticket));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> InsertTaskAsync(SqliteLease lease, WorkTask task, CancellationToken cancellationToken)
    {
        var command = lease.Statement("""
            INSERT OR IGNORE INTO tasks (workspace_id, task_id, kind, status, ticket_id, due, created_at, data)
            VALUES ($ws, $id, $kind, $status, $ticket, $due, $created, $data);
            """)
            .With("$ws", task.WorkspaceId)
            .With("$id", task.Id)
            .With("$kind", task.Kind)
            .With("$status", task.Status)
            .With("$ticket", task.TicketId)
            .With("$due", task.Due.ToUnixMs())
            .With("$created", task.CreatedAt.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(task, StoreJson.Default.WorkTask));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> InsertCommitmentAsync(SqliteLease lease, Commitment commitment, CancellationToken cancellationToken)
    {
        var command = lease.Statement("""
            INSERT OR IGNORE INTO commitments (workspace_id, commitment_key, status, ticket_id, due, made_at, data)
            VALUES ($ws, $key, $status, $ticket, $due, $made, $data);
            """)
            .With("$ws", commitment.WorkspaceId)
            .With("$key", commitment.Key)
            .With("$status", commitment.Status)
            .With("$ticket", commitment.TicketId)
            .With("$due", commitment.Due.ToUnixMs())
            .With("$made", commitment.MadeAt.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(commitment, StoreJson.Default.Commitment));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> InsertExceptionAsync(SqliteLease lease, ExceptionRecord exception, CancellationToken cancellationToken)
    {
        var command = lease.Statement("""
            INSERT OR IGNORE INTO exceptions (workspace_id, exception_id, event_key, reason, status, created_at, data)
            VALUES ($ws, $id, $event, $reason, $status, $created, $data);
            """)
            .With("$ws", exception.WorkspaceId)
            .With("$id", exception.Id)
            .With("$event", exception.EventKey)
            .With("$reason", exception.Reason.ToString())
            .With("$status", exception.Status)
            .With("$created", exception.CreatedAt.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(exception, StoreJson.Default.ExceptionRecord));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
