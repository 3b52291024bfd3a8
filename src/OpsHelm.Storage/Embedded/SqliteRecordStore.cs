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
        await using var connection = await database.OpenAsync(cancellationToken);
        return await EventExistsAsync(connection, null, workspaceId, eventKey, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindRecordedEventKeysAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var eventKey in eventKeys.Distinct(StringComparer.Ordinal))
        {
            if (await EventExistsAsync(connection, null, workspaceId, eventKey, cancellationToken))
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
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
        var workspaceId = outcome.Event.WorkspaceId;
        outcome.EnsureOneWorkspace();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (replace)
        {
            await using var remove = connection.Command("DELETE FROM email_events WHERE workspace_id = $ws AND event_key = $key;", transaction)
                .With("$ws", workspaceId)
                .With("$key", outcome.Event.Key);
            await remove.ExecuteNonQueryAsync(cancellationToken);
        }
        else if (await EventExistsAsync(connection, transaction, workspaceId, outcome.Event.Key, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return RecordResult.AlreadyRecorded;
        }
        await InsertEventAsync(connection, transaction, outcome.Event, cancellationToken);

        var ticketCreated = false;
        var ticketUpdated = false;
        if (outcome.Ticket is { } observation)
        {
            var existing = await ReadTicketAsync(connection, transaction, workspaceId, observation.TicketId, cancellationToken);
            var merged = mergeTicket(existing);
            if (merged.WorkspaceId != workspaceId || merged.TicketId != observation.TicketId)
            {
                throw new InvalidOperationException(
                    $"The ticket merge returned ticket '{merged.TicketId}' of workspace '{merged.WorkspaceId}' for ticket '{observation.TicketId}' of workspace '{workspaceId}'.");
            }
            await UpsertTicketAsync(connection, transaction, merged, cancellationToken);
            foreach (var threadKey in outcome.ThreadKeys.Distinct(StringComparer.Ordinal))
            {
                await using var link = connection.Command("""
                    INSERT OR REPLACE INTO thread_keys (workspace_id, thread_key, ticket_id, system)
                    VALUES ($ws, $key, $ticket, $system);
                    """, transaction)
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
            tasks += await InsertTaskAsync(connection, transaction, task, cancellationToken);
        }
        var commitments = 0;
        foreach (var commitment in outcome.Commitments)
        {
            commitments += await InsertCommitmentAsync(connection, transaction, commitment, cancellationToken);
        }
        var exceptions = 0;
        foreach (var exception in outcome.Exceptions)
        {
            exceptions += await InsertExceptionAsync(connection, transaction, exception, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new RecordResult(true, ticketCreated, ticketUpdated, tasks, commitments, exceptions);
    }

    public async Task<bool> RecordExceptionAsync(ExceptionRecord exception, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertExceptionAsync(connection, null, exception, cancellationToken) == 1;
    }

    public async Task<bool> AddTaskAsync(WorkTask task, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertTaskAsync(connection, null, task, cancellationToken) == 1;
    }

    public async Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await UpsertTicketAsync(connection, null, ticket, cancellationToken);
    }

    public async Task SaveRunAsync(IngestionRun run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
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

    private static async Task<bool> EventExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT EXISTS (SELECT 1 FROM email_events WHERE workspace_id = $ws AND event_key = $key);", transaction)
            .With("$ws", workspaceId)
            .With("$key", eventKey);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    private static async Task InsertEventAsync(SqliteConnection connection, SqliteTransaction transaction, EmailEvent emailEvent, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO email_events (workspace_id, event_key, sent_at, category, ticket_id, run_id, internet_message_id, data)
            VALUES ($ws, $key, $sent, $category, $ticket, $run, $internetId, $data);
            """, transaction)
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

    private static async Task<Ticket?> ReadTicketAsync(SqliteConnection connection, SqliteTransaction transaction, string workspaceId, string ticketId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT data FROM tickets WHERE workspace_id = $ws AND ticket_id = $id;", transaction)
            .With("$ws", workspaceId)
            .With("$id", ticketId);
        var tickets = await command.ReadJsonAsync(StoreJson.Default.Ticket, cancellationToken);
        return tickets.Count == 0 ? null : tickets[0];
    }

    private static async Task UpsertTicketAsync(SqliteConnection connection, SqliteTransaction? transaction, Ticket ticket, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO tickets (workspace_id, ticket_id, system, status, last_activity, data)
            VALUES ($ws, $id, $system, $status, $activity, $data)
            ON CONFLICT (workspace_id, ticket_id) DO UPDATE SET
                system = excluded.system, status = excluded.status, last_activity = excluded.last_activity, data = excluded.data;
            """, transaction)
            .With("$ws", ticket.WorkspaceId)
            .With("$id", ticket.TicketId)
            .With("$system", ticket.System.ToString())
            .With("$status", ticket.StatusBucket.ToString())
            .With("$activity", ticket.LastActivity.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(ticket, StoreJson.Default.Ticket));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> InsertTaskAsync(SqliteConnection connection, SqliteTransaction? transaction, WorkTask task, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT OR IGNORE INTO tasks (workspace_id, task_id, kind, status, ticket_id, due, created_at, data)
            VALUES ($ws, $id, $kind, $status, $ticket, $due, $created, $data);
            """, transaction)
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

    private static async Task<int> InsertCommitmentAsync(SqliteConnection connection, SqliteTransaction transaction, Commitment commitment, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT OR IGNORE INTO commitments (workspace_id, commitment_key, status, ticket_id, due, made_at, data)
            VALUES ($ws, $key, $status, $ticket, $due, $made, $data);
            """, transaction)
            .With("$ws", commitment.WorkspaceId)
            .With("$key", commitment.Key)
            .With("$status", commitment.Status)
            .With("$ticket", commitment.TicketId)
            .With("$due", commitment.Due.ToUnixMs())
            .With("$made", commitment.MadeAt.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(commitment, StoreJson.Default.Commitment));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> InsertExceptionAsync(SqliteConnection connection, SqliteTransaction? transaction, ExceptionRecord exception, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT OR IGNORE INTO exceptions (workspace_id, exception_id, event_key, reason, status, created_at, data)
            VALUES ($ws, $id, $event, $reason, $status, $created, $data);
            """, transaction)
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
