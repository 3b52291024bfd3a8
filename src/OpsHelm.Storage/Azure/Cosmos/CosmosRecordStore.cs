using System.Text.Json;
using Microsoft.Azure.Cosmos;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// The records of every workspace in the Cosmos DB records container (partition key <c>/workspaceId</c>).
/// <para>
/// <see cref="RecordAsync"/> is one unit without a transaction: every write is deterministic and idempotent, and the
/// EmailEvent is written last as the commit marker. A crash part-way leaves no EmailEvent, so the message is processed
/// again; the retry finds its own earlier writes (ticket <c>applied</c> list, <c>createdBy</c> on tasks, commitments,
/// exceptions and tickets) and repeats nothing, reporting the same counts as an uninterrupted recording. What this cannot
/// give is atomic visibility: between the first write and the commit marker a reader can see the ticket already updated.
/// A TransactionalBatch (same container, same partition key — which is why everything shares one container) would close
/// that window on real Cosmos DB; the local emulator has no batch, so the ordered path is the one built and tested.
/// </para>
/// </summary>
internal sealed partial class CosmosRecordStore(DocumentContainer records, WorkspaceRegistry registry, CosmosStoreOptions options) : IRecordStore
{
    // Enough to cover any retry window: recordings of one workspace are serialized by the workspace lease.
    private const int AppliedEventsKept = 64;
    private const int ConcurrencyAttempts = 16;

    public async Task<bool> HasEventAsync(string workspaceId, string eventKey, CancellationToken cancellationToken) =>
        await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Event, eventKey), cancellationToken) is not null;

    public async Task<IReadOnlySet<string>> FindRecordedEventKeysAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken)
    {
        // Point reads (1 RU each) beat a query over event ids; bounded parallelism keeps a large reconciliation polite.
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        var gate = new Lock();
        await Parallel.ForEachAsync(eventKeys.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (eventKey, token) =>
            {
                if (await HasEventAsync(workspaceId, eventKey, token))
                {
                    lock (gate)
                    {
                        recorded.Add(eventKey);
                    }
                }
            });
        return recorded;
    }

    public async Task<IReadOnlyList<EmailEvent>> FindEventsByInternetMessageIdAsync(string workspaceId, string internetMessageId, CancellationToken cancellationToken)
    {
        var documents = await records.QueryAsync(workspaceId,
            DocumentQuery.Of(workspaceId, DocumentTypes.Event, "c.lookup = @lookup").WithParameter("@lookup", internetMessageId), cancellationToken);
        return documents.OrderBy(d => d.SortAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => CosmosJson.FromData(d, StoreJson.Default.EmailEvent)).ToList();
    }

    public async Task<ThreadTicket?> FindThreadTicketAsync(string workspaceId, IReadOnlyList<string> threadKeys, CancellationToken cancellationToken)
    {
        foreach (var threadKey in threadKeys)
        {
            if (await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Thread, threadKey), cancellationToken) is { } document)
            {
                return document.Data.Deserialize<ThreadTicket>(CosmosJson.Options);
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
        var existing = await records.ReadAsync(exception.WorkspaceId, DocumentIds.For(DocumentTypes.Exception, exception.Id), cancellationToken);
        if (existing is null)
        {
            return false;
        }
        await records.UpsertAsync(ExceptionDocument(exception, existing.CreatedBy), cancellationToken);
        return true;
    }

    private async Task<RecordResult> RecordOutcomeAsync(MessageOutcome outcome, Func<Ticket?, Ticket> mergeTicket, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(mergeTicket);
        var workspaceId = outcome.Event.WorkspaceId;
        var eventKey = outcome.Event.Key;
        WorkspaceRegistry.Check(workspaceId);
        outcome.EnsureOneWorkspace();

        var eventId = DocumentIds.For(DocumentTypes.Event, eventKey);
        if (!replace && await records.ReadAsync(workspaceId, eventId, cancellationToken) is not null)
        {
            return RecordResult.AlreadyRecorded;
        }
        await registry.RegisterAsync(workspaceId, cancellationToken);

        var ticketCreated = false;
        var ticketUpdated = false;
        if (outcome.Ticket is { } observation)
        {
            var (merged, created) = await MergeTicketAsync(workspaceId, observation.TicketId, eventKey, mergeTicket, cancellationToken);
            ticketCreated = created;
            ticketUpdated = !created;
            foreach (var threadKey in outcome.ThreadKeys.Distinct(StringComparer.Ordinal))
            {
                await records.UpsertAsync(new RecordDocument
                {
                    Id = DocumentIds.For(DocumentTypes.Thread, threadKey),
                    WorkspaceId = workspaceId,
                    Type = DocumentTypes.Thread,
                    Data = System.Text.Json.JsonSerializer.SerializeToElement(new ThreadTicket(merged.TicketId, merged.System), CosmosJson.Options),
                }, cancellationToken);
            }
        }

        var tasks = 0;
        foreach (var task in outcome.Tasks)
        {
            tasks += await CreateOnceAsync(TaskDocument(task, eventKey), eventKey, cancellationToken) ? 1 : 0;
        }
        var commitments = 0;
        foreach (var commitment in outcome.Commitments)
        {
            commitments += await CreateOnceAsync(CommitmentDocument(commitment, eventKey), eventKey, cancellationToken) ? 1 : 0;
        }
        var exceptions = 0;
        foreach (var exception in outcome.Exceptions)
        {
            exceptions += await CreateOnceAsync(ExceptionDocument(exception, eventKey), eventKey, cancellationToken) ? 1 : 0;
        }

        // The commit marker. A conflict means a concurrent recording of the same message won; its writes equal ours.
        var marker = new RecordDocument
        {
            Id = eventId,
            WorkspaceId = workspaceId,
            Type = DocumentTypes.Event,
            SortAt = outcome.Event.SentAt.ToUnixTimeMilliseconds(),
            Lookup = outcome.Event.InternetMessageId,
            Data = CosmosJson.ToData(outcome.Event, StoreJson.Default.EmailEvent),
        };
        var committed = true;
        if (replace)
        {
            await records.UpsertAsync(marker, cancellationToken);
        }
        else
        {
            committed = await records.CreateAsync(marker, cancellationToken);
        }
        return committed
            ? new RecordResult(true, ticketCreated, ticketUpdated, tasks, commitments, exceptions)
            : RecordResult.AlreadyRecorded;
    }

    public async Task<bool> RecordExceptionAsync(ExceptionRecord exception, CancellationToken cancellationToken)
    {
        WorkspaceRegistry.Check(exception.WorkspaceId);
        await registry.RegisterAsync(exception.WorkspaceId, cancellationToken);
        return await records.CreateAsync(ExceptionDocument(exception, null), cancellationToken);
    }

    public async Task<bool> AddTaskAsync(WorkTask task, CancellationToken cancellationToken)
    {
        WorkspaceRegistry.Check(task.WorkspaceId);
        return await records.CreateAsync(TaskDocument(task, null), cancellationToken);
    }

    public async Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        WorkspaceRegistry.Check(ticket.WorkspaceId);
        var id = DocumentIds.For(DocumentTypes.Ticket, ticket.TicketId);
        for (var attempt = 0; attempt < ConcurrencyAttempts; attempt++)
        {
            var existing = await records.ReadAsync(ticket.WorkspaceId, id, cancellationToken);
            var document = TicketDocument(ticket, existing?.CreatedBy, existing?.Applied ?? []);
            if (existing is null ? await records.CreateAsync(document, cancellationToken) : await records.ReplaceAsync(document, existing.ETag!, cancellationToken) is not null)
            {
                return;
            }
        }
        throw Contended("ticket", ticket.TicketId, ticket.WorkspaceId);
    }

    public async Task SaveRunAsync(IngestionRun run, CancellationToken cancellationToken)
    {
        WorkspaceRegistry.Check(run.WorkspaceId);
        await registry.RegisterAsync(run.WorkspaceId, cancellationToken);
        var id = DocumentIds.For(DocumentTypes.Run, run.RunId);
        for (var attempt = 0; attempt < ConcurrencyAttempts; attempt++)
        {
            var existing = await records.ReadAsync(run.WorkspaceId, id, cancellationToken);
            if (existing is not null && IsFinished(existing.Status) && !IsFinished(run.Status))
            {
                // A late "Running" write (a retried start) must not reopen a finished run.
                return;
            }
            var document = new RecordDocument
            {
                Id = id,
                WorkspaceId = run.WorkspaceId,
                Type = DocumentTypes.Run,
                SortAt = run.StartedAt.ToUnixTimeMilliseconds(),
                Status = run.Status.ToLowerInvariant(),
                Data = CosmosJson.ToData(run, StoreJson.Default.IngestionRun),
            };
            if (existing is null ? await records.CreateAsync(document, cancellationToken) : await records.ReplaceAsync(document, existing.ETag!, cancellationToken) is not null)
            {
                return;
            }
        }
        throw Contended("run", run.RunId, run.WorkspaceId);
    }

    public async Task<IngestionRun?> FindRunAsync(string workspaceId, string runId, CancellationToken cancellationToken)
    {
        var document = await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Run, runId), cancellationToken);
        return document is null ? null : CosmosJson.FromData(document, StoreJson.Default.IngestionRun);
    }

    public async Task<IReadOnlyList<IngestionRun>> ListRunsAsync(string workspaceId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }
        IEnumerable<RecordDocument> documents = options.ServerSideOrderBy
            ? await records.QueryAsync(workspaceId,
                DocumentQuery.Of(workspaceId, DocumentTypes.Run, null, "ORDER BY c.sortAt DESC, c.id DESC", top: limit), cancellationToken, limit)
            : (await records.QueryAsync(workspaceId, DocumentQuery.Of(workspaceId, DocumentTypes.Run), cancellationToken))
                .OrderByDescending(d => d.SortAt).ThenByDescending(d => d.Data.GetProperty("runId").GetString(), StringComparer.Ordinal).Take(limit);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.IngestionRun)).ToList();
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ListAsync(workspaceId, DocumentTypes.Ticket, StoreJson.Default.Ticket, cancellationToken))
            .OrderByDescending(t => t.LastActivity).ThenBy(t => t.TicketId, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<ExceptionRecord>> ListExceptionsAsync(string workspaceId, string? status, CancellationToken cancellationToken)
    {
        var query = status is null
            ? DocumentQuery.Of(workspaceId, DocumentTypes.Exception)
            : DocumentQuery.Of(workspaceId, DocumentTypes.Exception, "c.status = @status").WithParameter("@status", status.ToLowerInvariant());
        var documents = await records.QueryAsync(workspaceId, query, cancellationToken);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.ExceptionRecord))
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ListAsync(workspaceId, DocumentTypes.Commitment, StoreJson.Default.Commitment, cancellationToken))
            .OrderBy(c => c.Due is null).ThenBy(c => c.Due).ThenBy(c => c.MadeAt).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<WorkTask>> ListTasksAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ListAsync(workspaceId, DocumentTypes.Task, StoreJson.Default.WorkTask, cancellationToken))
            .OrderBy(t => t.Due is null).ThenBy(t => t.Due).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<EmailEvent>> ListEventsAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ListAsync(workspaceId, DocumentTypes.Event, StoreJson.Default.EmailEvent, cancellationToken))
            .OrderBy(e => e.SentAt).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();

    public Task<IReadOnlyList<string>> ListWorkspacesAsync(CancellationToken cancellationToken) => registry.ListAsync(cancellationToken);

    /// <summary>
    /// Adds to a run's counters with a Cosmos patch (Increment) instead of read-modify-write: the fan-in of many work items
    /// into one run record without ETag retries. False when the run does not exist.
    /// </summary>
    public Task<bool> IncrementRunCountersAsync(string workspaceId, string runId, IReadOnlyDictionary<string, int> counters, CancellationToken cancellationToken)
    {
        var operations = counters.Select(c => PatchOperation.Increment("/data/counts/" + CounterName(c.Key), c.Value)).ToList();
        return records.PatchAsync(workspaceId, DocumentIds.For(DocumentTypes.Run, runId), operations, cancellationToken);
    }

    private async Task<(Ticket Merged, bool Created)> MergeTicketAsync(
        string workspaceId, string ticketId, string eventKey, Func<Ticket?, Ticket> mergeTicket, CancellationToken cancellationToken)
    {
        var id = DocumentIds.For(DocumentTypes.Ticket, ticketId);
        for (var attempt = 0; attempt < ConcurrencyAttempts; attempt++)
        {
            var existing = await records.ReadAsync(workspaceId, id, cancellationToken);
            var applied = existing?.Applied ?? [];
            if (existing is not null && applied.Contains(eventKey))
            {
                // An earlier, interrupted recording of this message already merged it in.
                return (CosmosJson.FromData(existing, StoreJson.Default.Ticket), existing.CreatedBy == eventKey);
            }
            var current = existing is null ? null : CosmosJson.FromData(existing, StoreJson.Default.Ticket);
            var merged = mergeTicket(current);
            if (merged.WorkspaceId != workspaceId || merged.TicketId != ticketId)
            {
                throw new InvalidOperationException(
                    $"The ticket merge returned ticket '{merged.TicketId}' of workspace '{merged.WorkspaceId}' for ticket '{ticketId}' of workspace '{workspaceId}'.");
            }
            var document = TicketDocument(merged, existing is null ? eventKey : existing.CreatedBy, [.. applied.TakeLast(AppliedEventsKept - 1), eventKey]);
            var written = existing is null
                ? await records.CreateAsync(document, cancellationToken)
                : await records.ReplaceAsync(document, existing.ETag!, cancellationToken) is not null;
            if (written)
            {
                return (merged, existing is null);
            }
            // Someone else wrote the ticket between our read and write (412 / 409): read again and merge again.
        }
        throw Contended("ticket", ticketId, workspaceId);
    }

    // Creates a document; when it already exists, counts it as created only if this same message created it (a retry).
    private async Task<bool> CreateOnceAsync(RecordDocument document, string eventKey, CancellationToken cancellationToken)
    {
        if (await records.CreateAsync(document, cancellationToken))
        {
            return true;
        }
        var existing = await records.ReadAsync(document.WorkspaceId, document.Id, cancellationToken);
        return existing?.CreatedBy == eventKey;
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string workspaceId, string type, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, CancellationToken cancellationToken) =>
        (await records.QueryAsync(workspaceId, DocumentQuery.Of(workspaceId, type), cancellationToken)).Select(d => CosmosJson.FromData(d, info)).ToList();

    private static RecordDocument TicketDocument(Ticket ticket, string? createdBy, IReadOnlyList<string> applied) => new()
    {
        Id = DocumentIds.For(DocumentTypes.Ticket, ticket.TicketId),
        WorkspaceId = ticket.WorkspaceId,
        Type = DocumentTypes.Ticket,
        SortAt = ticket.LastActivity.ToUnixTimeMilliseconds(),
        Status = ticket.StatusBucket.ToString().ToLowerInvariant(),
        CreatedBy = createdBy,
        Applied = applied,
        Data = CosmosJson.ToData(ticket, StoreJson.Default.Ticket),
    };

    private static RecordDocument TaskDocument(WorkTask task, string? createdBy) => new()
    {
        Id = DocumentIds.For(DocumentTypes.Task, task.Id),
        WorkspaceId = task.WorkspaceId,
        Type = DocumentTypes.Task,
        SortAt = task.Due?.ToUnixTimeMilliseconds(),
        Status = task.Status.ToLowerInvariant(),
        CreatedBy = createdBy,
        Data = CosmosJson.ToData(task, StoreJson.Default.WorkTask),
    };

    private static RecordDocument CommitmentDocument(Commitment commitment, string? createdBy) => new()
    {
        Id = DocumentIds.For(DocumentTypes.Commitment, commitment.Key),
        WorkspaceId = commitment.WorkspaceId,
        Type = DocumentTypes.Commitment,
        SortAt = commitment.Due?.ToUnixTimeMilliseconds(),
        Status = commitment.Status.ToLowerInvariant(),
        CreatedBy = createdBy,
        Data = CosmosJson.ToData(commitment, StoreJson.Default.Commitment),
    };

    private static RecordDocument ExceptionDocument(ExceptionRecord exception, string? createdBy) => new()
    {
        Id = DocumentIds.For(DocumentTypes.Exception, exception.Id),
        WorkspaceId = exception.WorkspaceId,
        Type = DocumentTypes.Exception,
        SortAt = exception.CreatedAt.ToUnixTimeMilliseconds(),
        Status = exception.Status.ToLowerInvariant(),
        CreatedBy = createdBy,
        Data = CosmosJson.ToData(exception, StoreJson.Default.ExceptionRecord),
    };

    private static bool IsFinished(string? status) => status is not null && !status.Equals("running", StringComparison.OrdinalIgnoreCase);

    private static string CounterName(string name)
    {
        if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Run counter '{name}' is not a plain counter name.", nameof(name));
        }
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static InvalidOperationException Contended(string what, string id, string workspaceId) =>
        new($"The {what} '{id}' of workspace '{workspaceId}' kept changing under {ConcurrencyAttempts} attempts to write it.");
}
