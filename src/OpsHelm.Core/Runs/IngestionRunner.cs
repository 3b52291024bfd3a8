using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>
/// The runner sequence of DESIGN §5, the same whatever triggered it: load the workspace, load checkpoints, pull,
/// run steps 4–7 per message, record, advance checkpoints page by page, emit the summary.
/// </summary>
public sealed class IngestionRunner(
    IProcessingStateStore states,
    IRecordStore records,
    IAttachmentStore attachments,
    IWorkspaceLock locks,
    MessagePipeline pipeline,
    TimeProvider time,
    ILogger<IngestionRunner> logger)
{
    /// <summary>Runs <paramref name="request"/> and returns the finished run. A missing or invalid configuration aborts before anything is written.</summary>
    public async Task<IngestionRun> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var config = await request.Config.LoadAsync(cancellationToken);
        var profile = new WorkspaceProfile(config);
        await using var lease = await locks.AcquireAsync(config.Id, request.LockWait, cancellationToken);

        var checkpoints = await states.ListAsync(config.Id, cancellationToken);
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var run = new IngestionRun
        {
            RunId = Guid.CreateVersion7(started).ToString("n"),
            WorkspaceId = config.Id,
            Trigger = request.Trigger,
            StartedAt = started,
            Bootstrap = checkpoints.Count == 0,
        };
        await records.SaveRunAsync(run, cancellationToken);
        Logs.RunStarted(logger, run.RunId, config.Id, run.Trigger, run.Bootstrap, request.Source.Description);

        var counter = new RunCounter();
        var checkpointWritten = false;
        try
        {
            await foreach (var batch in request.Source.ReadAsync(config, checkpoints, request.Since, cancellationToken))
            {
                foreach (var item in batch.Items)
                {
                    counter.Fetched++;
                    await ProcessItemAsync(item, profile, run.RunId, request, counter, cancellationToken);
                    request.Progress?.Report(counter.Fetched);
                }
                // A page's checkpoint moves only once every item of the page is recorded.
                foreach (var checkpoint in batch.Checkpoints)
                {
                    await states.SaveAsync(new ProcessingState
                    {
                        WorkspaceId = config.Id,
                        Mailbox = checkpoint.Mailbox,
                        Folder = checkpoint.Folder,
                        Checkpoint = checkpoint.Checkpoint,
                        LastProcessedMessageId = checkpoint.LastMessageId,
                        LastSuccessfulRun = time.GetUtcNow(),
                    }, cancellationToken);
                    checkpointWritten = true;
                }
            }
            if (request.Trigger != "Backfill")
            {
                counter.TasksCreated += await SweepTicketsAsync(profile, cancellationToken);
            }
            run = Finish(run, "Succeeded", null, counter, checkpointWritten, stopwatch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.RunFailed(logger, ex, run.RunId, config.Id);
            run = Finish(run, "Failed", ex.Message, counter, checkpointWritten, stopwatch);
            await records.SaveRunAsync(run, CancellationToken.None);
            throw;
        }
        await records.SaveRunAsync(run, cancellationToken);
        Logs.RunFinished(logger, run.RunId, config.Id, run.Status, run.Counts.Fetched, run.Counts.New,
            run.Counts.AlreadyRecorded, run.Counts.Exceptions, run.CoveragePercent, run.DurationMs);
        return run;
    }

    private async Task ProcessItemAsync(SourceItem item, WorkspaceProfile profile, string runId, RunRequest request, RunCounter counter, CancellationToken cancellationToken)
    {
        if (item.Message is not { } message)
        {
            var failure = ParseFailure(item, profile.Id, runId);
            Logs.ParseFailure(logger, item.Position, runId, item.Failure ?? "unreadable");
            if (await records.RecordExceptionAsync(failure, cancellationToken))
            {
                counter.Exception(ExceptionReason.ParseFailure);
            }
            request.Observer?.Invoke(new ItemResult(item.ResultId, null, [failure], false));
            return;
        }
        if (request.Since is { } since && message.SentAt < since)
        {
            counter.SkippedBeforeSince++;
            return;
        }
        var key = NormalizeStep.EventKey(message);
        var alreadyRecorded = await records.HasEventAsync(profile.Id, key, cancellationToken);
        if (alreadyRecorded && request.Observer is null)
        {
            counter.AlreadyRecorded++;
            return;
        }
        var thread = await records.FindThreadTicketAsync(profile.Id, pipeline.ThreadKeysOf(message), cancellationToken);
        MessageOutcome outcome;
        try
        {
            outcome = pipeline.Process(message, profile, thread, runId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.ProcessingFailed(logger, ex, message.ProviderMessageId, runId);
            outcome = FailedOutcome(message, profile, runId, ex);
        }
        if (alreadyRecorded)
        {
            counter.AlreadyRecorded++;
            request.Observer?.Invoke(new ItemResult(item.ResultId, outcome, outcome.Exceptions, true));
            return;
        }
        outcome = await NoteReusedMessageIdAsync(outcome, profile.Id, cancellationToken);
        var attachmentIds = new List<string>(outcome.Attachments.Count);
        foreach (var attachment in outcome.Attachments)
        {
            attachmentIds.Add(await attachments.SaveAsync(profile.Id, key, attachment, cancellationToken));
        }
        counter.AttachmentsStored += attachmentIds.Count;
        outcome = outcome with { Event = outcome.Event with { AttachmentIds = attachmentIds } };

        var now = time.GetUtcNow();
        var result = await records.RecordAsync(outcome,
            existing => TicketMerger.Merge(profile.Id, existing, outcome.Ticket!, profile.Config.Thresholds, now),
            cancellationToken);
        if (result.Recorded)
        {
            counter.Recorded(outcome.Event.Category, result, outcome.Exceptions);
        }
        else
        {
            counter.AlreadyRecorded++;
        }
        request.Observer?.Invoke(new ItemResult(item.ResultId, outcome, outcome.Exceptions, !result.Recorded));
    }

    // A Message-ID seen under another provider id is recorded again, never skipped: the evidence says which id had it first.
    private async Task<MessageOutcome> NoteReusedMessageIdAsync(MessageOutcome outcome, string workspaceId, CancellationToken cancellationToken)
    {
        if (outcome.Event.InternetMessageId is not { Length: > 0 } internetMessageId)
        {
            return outcome;
        }
        var earlier = (await records.FindEventsByInternetMessageIdAsync(workspaceId, internetMessageId, cancellationToken))
            .FirstOrDefault(e => e.Key != outcome.Event.Key);
        if (earlier is null)
        {
            return outcome;
        }
        var evidence = $"internetMessageId already recorded under provider id {earlier.ProviderMessageId} ({earlier.Mailbox}/{earlier.Folder})";
        return outcome with { Event = outcome.Event with { Evidence = [.. outcome.Event.Evidence, evidence] } };
    }

    // Tickets nobody touched for the workspace's stale days get a follow-up task, once per quiet spell.
    private async Task<int> SweepTicketsAsync(WorkspaceProfile profile, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = 0;
        foreach (var ticket in await records.ListTicketsAsync(profile.Id, cancellationToken))
        {
            var evaluated = TicketRisk.Evaluate(ticket, profile.Config.Thresholds, now, ticket.RiskFlags.Contains(TicketRisk.Urgent));
            if (!evaluated.RiskFlags.SequenceEqual(ticket.RiskFlags) || evaluated.NextAction != ticket.NextAction)
            {
                await records.SaveTicketAsync(evaluated, cancellationToken);
            }
            if (!TicketRisk.IsStale(evaluated, profile.Config.Thresholds, now))
            {
                continue;
            }
            var task = new WorkTask
            {
                Id = StableId.Of("task", profile.Id, "stale", evaluated.TicketId, evaluated.LastActivity.ToString("O")),
                WorkspaceId = profile.Id,
                Kind = "StaleTicket",
                Title = $"Follow up on {evaluated.TicketId}: no activity since {evaluated.LastActivity:yyyy-MM-dd}",
                TicketId = evaluated.TicketId,
                Due = now,
                CreatedAt = now,
            };
            created += await records.AddTaskAsync(task, cancellationToken) ? 1 : 0;
        }
        return created;
    }

    private MessageOutcome FailedOutcome(InboundMessage message, WorkspaceProfile profile, string runId, Exception ex)
    {
        var classification = new Classification(Category.Other, 0, ["processing failed"], null);
        var emailEvent = NormalizeStep.EventOf(message, profile.Id, runId, classification);
        var failure = RecordExceptionsStep.Create(emailEvent, ExceptionReason.ProcessingFailed, $"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow());
        return new MessageOutcome
        {
            Event = emailEvent,
            Classification = classification,
            Extraction = new ExtractionResult(null, [], [], false, []),
            Exceptions = [failure],
        };
    }

    private ExceptionRecord ParseFailure(SourceItem item, string workspaceId, string runId)
    {
        var eventKey = "source:" + (item.RawFingerprint ?? item.ResultId);
        return new ExceptionRecord
        {
            Id = StableId.Of("exception", workspaceId, eventKey, nameof(ExceptionReason.ParseFailure)),
            WorkspaceId = workspaceId,
            EventKey = eventKey,
            MessageId = item.ResultId,
            Reason = ExceptionReason.ParseFailure,
            Details = item.Failure ?? "the item could not be read as a message",
            CreatedAt = time.GetUtcNow(),
            RunId = runId,
        };
    }

    private IngestionRun Finish(IngestionRun run, string status, string? error, RunCounter counter, bool checkpointWritten, Stopwatch stopwatch) => run with
    {
        Status = status,
        Error = error,
        EndedAt = time.GetUtcNow(),
        Counts = counter.ToCounts(),
        CoveragePercent = counter.CoveragePercent(),
        DurationMs = stopwatch.ElapsedMilliseconds,
        CheckpointWritten = checkpointWritten,
    };
}
