using Microsoft.Extensions.Logging;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>
/// Steps 4–7 for one source item and its recording: the same whether the runner processes the item inline or a run step
/// processes it from the archive. Idempotent: an item already recorded writes nothing.
/// </summary>
public sealed class MessageProcessor(
    IRecordStore records,
    IAttachmentStore attachments,
    IMessageArchive archive,
    MessagePipeline pipeline,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The pipeline (its options decide attachment limits).</summary>
    public MessagePipeline Pipeline => pipeline;

    /// <summary>Processes and records <paramref name="item"/>; <paramref name="observe"/> asks for the outcome even when it was recorded before (replay).</summary>
    /// <remarks>With <paramref name="historicalBefore"/> (a backfill), what was already past then raises nothing: commitment reminders
    /// before it are dropped, tasks due before it are closed, and a ticket it creates carries the time so the sweep skips staleness already past.
    /// With <paramref name="guess"/>, its outcome is used when the thread ticket found now is the one it was computed for.</remarks>
    public async Task<ProcessedItem> ProcessAsync(SourceItem item, WorkspaceProfile profile, string runId, DateTimeOffset? since, bool observe, CancellationToken cancellationToken,
        DateTimeOffset? historicalBefore = null, OutcomeGuess? guess = null)
    {
        if (item.Message is not { } message)
        {
            var failure = ParseFailure(item, profile.Id, runId);
            Logs.ParseFailure(logger, item.Position, runId, item.Failure ?? "unreadable");
            var created = await records.RecordExceptionAsync(failure, cancellationToken);
            return new ProcessedItem(new ItemSummary(ItemDisposition.ParseFailure, Exceptions: created ? [ExceptionReason.ParseFailure] : []),
                new ItemResult(item.ResultId, null, [failure], false, item.Origin));
        }
        if (since is { } from && message.SentAt < from)
        {
            return new ProcessedItem(new ItemSummary(ItemDisposition.SkippedBeforeSince), null);
        }
        var key = NormalizeStep.EventKey(message);
        var alreadyRecorded = await records.HasEventAsync(profile.Id, key, cancellationToken);
        if (alreadyRecorded && !observe)
        {
            return new ProcessedItem(new ItemSummary(ItemDisposition.AlreadyRecorded), null);
        }
        var threadKeys = pipeline.ThreadKeysOf(message);
        var thread = await records.FindThreadTicketAsync(profile.Id, threadKeys, cancellationToken);
        var outcome = guess is not null && Equals(guess.Thread, thread) ? guess.Outcome : Outcome(message, profile, thread, runId, threadKeys);
        if (alreadyRecorded)
        {
            return new ProcessedItem(new ItemSummary(ItemDisposition.AlreadyRecorded), new ItemResult(item.ResultId, outcome, outcome.Exceptions, true, item.Origin));
        }
        outcome = await NoteReusedMessageIdAsync(outcome, profile.Id, cancellationToken);
        if (historicalBefore is { } cutoff)
        {
            outcome = AsHistory(outcome, cutoff);
        }
        var (attachmentIds, archived) = await StoreAttachmentsAsync(profile.Id, key, message, outcome, cancellationToken);
        outcome = outcome with { Event = outcome.Event with { AttachmentIds = attachmentIds } };
        // Kept before the EmailEvent commits, so every recorded message can be re-normalized by triage.
        await archive.SaveAsync(profile.Id, key, archived, cancellationToken);

        var result = await RecordAsync(outcome, profile, historicalBefore, cancellationToken);
        var summary = result.Recorded
            ? new ItemSummary(ItemDisposition.New, outcome.Event.Category,
                result.ExceptionsCreated > 0 ? outcome.Exceptions.Select(e => e.Reason).ToList() : [],
                result.TicketCreated, result.TicketUpdated, result.TasksCreated, result.CommitmentsCreated, attachmentIds.Count)
            : new ItemSummary(ItemDisposition.AlreadyRecorded);
        return new ProcessedItem(summary, new ItemResult(item.ResultId, outcome, outcome.Exceptions, !result.Recorded, item.Origin));
    }

    /// <summary>Records <paramref name="message"/> as ProcessingFailed (a message that kept failing); what was recorded before stays.</summary>
    public async Task<ItemSummary> RecordFailureAsync(InboundMessage message, WorkspaceProfile profile, string runId, string error, CancellationToken cancellationToken)
    {
        var outcome = FailedOutcome(message, profile, runId, error);
        var result = await records.RecordAsync(outcome, _ => throw new InvalidOperationException("A failed outcome carries no ticket."), cancellationToken);
        if (!result.Recorded)
        {
            // The message itself was recorded before the failure (e.g. only its completion failed): say so on its own exception.
            var created = await records.RecordExceptionAsync(outcome.Exceptions[0], cancellationToken);
            return new ItemSummary(ItemDisposition.AlreadyRecorded, Exceptions: created ? [ExceptionReason.ProcessingFailed] : []);
        }
        return new ItemSummary(ItemDisposition.New, outcome.Event.Category, [ExceptionReason.ProcessingFailed]);
    }

    /// <summary>Records <paramref name="item"/>, whose processing threw and was rolled back, as ProcessingFailed; observers get that outcome.</summary>
    public async Task<ProcessedItem> RecordFailedItemAsync(SourceItem item, WorkspaceProfile profile, string runId, string error, CancellationToken cancellationToken)
    {
        if (item.Message is { } message)
        {
            var outcome = FailedOutcome(message, profile, runId, error);
            // What the failed attempt archived was rolled back with it; triage re-normalizes from this copy (without attachment bytes).
            var withoutBytes = message with
            {
                Attachments = message.Attachments.Select(a => a with { Content = null, Size = a.Content?.LongLength ?? a.Size }).ToList(),
            };
            await archive.SaveAsync(profile.Id, outcome.Event.Key, withoutBytes, cancellationToken);
            var summary = await RecordFailureAsync(message, profile, runId, error, cancellationToken);
            return new ProcessedItem(summary, new ItemResult(item.ResultId, outcome, outcome.Exceptions, summary.Disposition == ItemDisposition.AlreadyRecorded, item.Origin));
        }
        var eventKey = "source:" + (item.RawFingerprint ?? item.ResultId);
        var failure = await RecordItemFailureAsync(profile.Id, runId, eventKey, item.ResultId, error, cancellationToken);
        var exception = new ExceptionRecord
        {
            Id = StableId.Of("exception", profile.Id, eventKey, nameof(ExceptionReason.ProcessingFailed)),
            WorkspaceId = profile.Id,
            EventKey = eventKey,
            MessageId = item.ResultId,
            Reason = ExceptionReason.ProcessingFailed,
            Details = error,
            CreatedAt = time.GetUtcNow(),
            RunId = runId,
        };
        return new ProcessedItem(failure, new ItemResult(item.ResultId, null, [exception], false, item.Origin));
    }

    /// <summary>Records a ProcessingFailed exception for an item whose message could not be processed at all.</summary>
    public async Task<ItemSummary> RecordItemFailureAsync(string workspaceId, string runId, string eventKey, string messageId, string details, CancellationToken cancellationToken)
    {
        var exception = new ExceptionRecord
        {
            Id = StableId.Of("exception", workspaceId, eventKey, nameof(ExceptionReason.ProcessingFailed)),
            WorkspaceId = workspaceId,
            EventKey = eventKey,
            MessageId = messageId,
            Reason = ExceptionReason.ProcessingFailed,
            Details = details,
            CreatedAt = time.GetUtcNow(),
            RunId = runId,
        };
        var created = await records.RecordExceptionAsync(exception, cancellationToken);
        return new ItemSummary(ItemDisposition.ParseFailure, Exceptions: created ? [ExceptionReason.ProcessingFailed] : []);
    }

    /// <summary>Keeps attachment bytes in the attachment store and returns the message without them, as the archive holds it.</summary>
    public async Task<InboundMessage> DetachAttachmentsAsync(string workspaceId, InboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Attachments.Count == 0)
        {
            return message;
        }
        var key = NormalizeStep.EventKey(message);
        var policy = new AttachmentPolicy(pipeline.Options);
        var detached = new List<InboundAttachment>(message.Attachments.Count);
        foreach (var attachment in message.Attachments)
        {
            var size = attachment.Content?.LongLength ?? attachment.Size;
            // Rejected attachments are never stored; without their bytes the policy still rejects them by size, name or error.
            var storedId = attachment.StoredId
                ?? (attachment.Content is not null && policy.Reject(attachment) is null
                    ? await attachments.SaveAsync(workspaceId, key, attachment, cancellationToken)
                    : null);
            detached.Add(attachment with { Content = null, Size = size, StoredId = storedId });
        }
        return message with { Attachments = detached };
    }

    private MessageOutcome Outcome(InboundMessage message, WorkspaceProfile profile, ThreadTicket? thread, string runId, IReadOnlyList<string> threadKeys)
    {
        try
        {
            return pipeline.Process(message, profile, thread, runId, threadKeys);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.ProcessingFailed(logger, ex, message.ProviderMessageId, runId);
            return FailedOutcome(message, profile, runId, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private Task<RecordResult> RecordAsync(MessageOutcome outcome, WorkspaceProfile profile, DateTimeOffset? historicalBefore, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return records.RecordAsync(outcome,
            existing =>
            {
                var merged = TicketMerger.Merge(profile.Id, existing, outcome.Ticket!, profile.Config.Thresholds, now);
                return existing is null && historicalBefore is { } cutoff ? merged with { BackfilledAt = cutoff } : merged;
            },
            cancellationToken);
    }

    private static MessageOutcome AsHistory(MessageOutcome outcome, DateTimeOffset cutoff) => outcome with
    {
        Commitments = outcome.Commitments.Select(c => c.ReminderAt < cutoff ? c with { ReminderAt = null } : c).ToList(),
        Tasks = outcome.Tasks.Select(t => t.Due < cutoff ? t with { Status = "Closed" } : t).ToList(),
    };

    private async Task<(List<string> Ids, InboundMessage Archived)> StoreAttachmentsAsync(
        string workspaceId, string key, InboundMessage message, MessageOutcome outcome, CancellationToken cancellationToken)
    {
        var ids = new List<string>(outcome.Attachments.Count);
        var stored = new Dictionary<InboundAttachment, string>(ReferenceEqualityComparer.Instance);
        foreach (var attachment in outcome.Attachments)
        {
            var id = attachment.StoredId ?? await attachments.SaveAsync(workspaceId, key, attachment, cancellationToken);
            stored[attachment] = id;
            ids.Add(id);
        }
        var archived = message with
        {
            Attachments = message.Attachments
                .Select(a => a with { Content = null, Size = a.Content?.LongLength ?? a.Size, StoredId = stored.GetValueOrDefault(a) ?? a.StoredId })
                .ToList(),
        };
        return (ids, archived);
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

    private MessageOutcome FailedOutcome(InboundMessage message, WorkspaceProfile profile, string runId, string error)
    {
        var classification = new Classification(Category.Other, 0, ["processing failed"], null);
        var emailEvent = NormalizeStep.EventOf(message, profile.Id, runId, classification);
        var failure = RecordExceptionsStep.Create(emailEvent, ExceptionReason.ProcessingFailed, error, time.GetUtcNow());
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
}

/// <summary>What processing one item did, and for observers its outcome.</summary>
/// <param name="Summary">The counts' contribution.</param>
/// <param name="Result">The outcome, when there is one to tell.</param>
public sealed record ProcessedItem(ItemSummary Summary, ItemResult? Result);
