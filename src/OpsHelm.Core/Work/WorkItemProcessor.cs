using OpsHelm.Core.Ingestion;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Work;

/// <summary>
/// Processes one leased work item: the archived message through steps 4–7 and its recording (idempotent, so a
/// redelivered item repeats nothing), then completes it; a failure is retried later, and after the last attempt the
/// message is recorded as ProcessingFailed and the item dead-lettered: nothing is dropped silently.
/// </summary>
public sealed class WorkItemProcessor(
    IWorkQueue queue,
    IMessageArchive archive,
    MessageProcessor processor,
    IWorkDispatcher dispatcher,
    WorkQueueSettings settings,
    TimeProvider time,
    ILogger<WorkItemProcessor> logger)
{
    /// <summary>Processes <paramref name="leased"/>; returns its final state (Done, DeadLettered, or Pending when retried).</summary>
    public async Task<WorkItemState> ProcessAsync(WorkItem leased, WorkspaceProfile profile, CancellationToken cancellationToken)
    {
        using var activity = WorkTelemetry.StartItem(leased);
        var started = time.GetTimestamp();
        var state = await ProcessOnceAsync(leased, profile, cancellationToken);
        WorkTelemetry.ItemProcessed(activity, leased, state, time.GetElapsedTime(started));
        return state;
    }

    private async Task<WorkItemState> ProcessOnceAsync(WorkItem leased, WorkspaceProfile profile, CancellationToken cancellationToken)
    {
        InboundMessage? message = null;
        try
        {
            SourceItem item;
            if (leased.EventKey is null)
            {
                item = new SourceItem(leased.Position, null, leased.Failure, leased.RawFingerprint ?? leased.ResultId);
            }
            else
            {
                message = await archive.FindAsync(leased.WorkspaceId, leased.EventKey, cancellationToken)
                    ?? throw new InvalidOperationException($"The archived message {leased.EventKey} is missing.");
                item = new SourceItem(leased.Position, message);
            }
            var processed = await processor.ProcessAsync(item, profile, leased.RunId, leased.Since, observe: false, cancellationToken, leased.HistoricalBefore);
            return await FinishAsync(leased, () => queue.CompleteAsync(leased, processed.Summary, cancellationToken), WorkItemState.Done);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (leased.Attempts < settings.MaxAttempts)
            {
                var retryAt = time.GetUtcNow() + settings.RetryAfter(leased.Attempts);
                Logs.ItemRetried(logger, ex, leased.Id, leased.RunId, leased.Attempts, retryAt);
                var state = await FinishAsync(leased, () => queue.RetryLaterAsync(leased, Describe(ex), retryAt, CancellationToken.None), WorkItemState.Pending);
                if (state == WorkItemState.Pending)
                {
                    await AnnounceRetryAsync(leased, retryAt);
                }
                return state;
            }
            Logs.ItemDeadLettered(logger, ex, leased.Id, leased.RunId, leased.Attempts);
            var summary = await RecordFailureAsync(leased, message, profile, Describe(ex), cancellationToken);
            return await FinishAsync(leased, () => queue.DeadLetterAsync(leased, Describe(ex), summary, CancellationToken.None), WorkItemState.DeadLettered);
        }
    }

    private async Task<WorkItemState> FinishAsync(WorkItem leased, Func<Task<bool>> finish, WorkItemState state)
    {
        if (await finish())
        {
            return state;
        }
        Logs.LeaseLost(logger, leased.Id, leased.RunId);
        return WorkItemState.Leased;
    }

    // A retry announced late or not at all is still found: the supervisor announces overdue items again.
    private async Task AnnounceRetryAsync(WorkItem leased, DateTimeOffset retryAt)
    {
        try
        {
            await dispatcher.ItemsReadyAsync([leased], retryAt, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.AnnounceFailed(logger, ex, 1, leased.RunId, leased.WorkspaceId);
        }
    }

    private async Task<ItemSummary> RecordFailureAsync(WorkItem leased, InboundMessage? message, WorkspaceProfile profile, string error, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            return await processor.RecordFailureAsync(message, profile, leased.RunId, error, cancellationToken);
        }
        // Without the message there is no EmailEvent to hang the exception on: it names the work item instead.
        return await processor.RecordItemFailureAsync(profile.Id, leased.RunId, leased.EventKey ?? "work:" + leased.Id, leased.ResultId,
            $"work item {leased.Id} failed: {error}", cancellationToken);
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
