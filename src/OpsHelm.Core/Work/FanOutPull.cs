using OpsHelm.Core.Ingestion;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Work;

/// <summary>
/// Step 3 of a fan-out run: reads the source page by page, keeps each message in the archive and enqueues one work item
/// per message. The run's cursor moves only after a page's items are enqueued, so a pull killed at any point resumes
/// from its last whole page and enqueues nothing twice; the stored checkpoints move only when the run is finalized.
/// </summary>
public sealed class FanOutPull(
    IProcessingStateStore states,
    IRecordStore records,
    IWorkQueue queue,
    IMessageArchive archive,
    MessageProcessor processor,
    IWorkspaceLock locks,
    IWorkDispatcher dispatcher,
    TimeProvider time,
    ILogger<FanOutPull> logger)
{
    /// <summary>Creates the run and pulls. Returns the run as the pull left it (still Running; workers finish it).</summary>
    public async Task<IngestionRun> StartAsync(FanOutRequest request, CancellationToken cancellationToken) =>
        await ResumeAsync(await BeginAsync(request, cancellationToken), request.Config, request.Source, request.LockWait, cancellationToken);

    /// <summary>Creates the run without pulling yet (the caller answers with its id, then resumes it).</summary>
    public async Task<IngestionRun> BeginAsync(FanOutRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var run = new IngestionRun
        {
            RunId = Guid.CreateVersion7(started).ToString("n"),
            WorkspaceId = request.Config.Id,
            Trigger = request.Trigger,
            StartedAt = started,
            Bootstrap = !request.IgnoreCheckpoints && (await states.ListAsync(request.Config.Id, cancellationToken)).Count == 0,
            FanOut = new FanOutProgress
            {
                Since = request.Since,
                PageCap = request.PageCap,
                PushIds = request.PushIds,
                IgnoreCheckpoints = request.IgnoreCheckpoints,
                Heartbeat = started,
            },
        };
        await records.SaveRunAsync(run, cancellationToken);
        Logs.PullStarted(logger, run.RunId, run.WorkspaceId, run.Trigger, request.Source.Description);
        return run;
    }

    /// <summary>Continues the pull of <paramref name="run"/> from its cursor (after a crash or a stall).</summary>
    public async Task<IngestionRun> ResumeAsync(IngestionRun run, WorkspaceConfig config, IMessageSource source, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        if (run.FanOut is not { Complete: false })
        {
            return run;
        }
        await using var lease = await locks.AcquireAsync(config.Id, lockWait, cancellationToken);
        // Another process may have resumed it while this one waited.
        var current = await records.FindRunAsync(config.Id, run.RunId, cancellationToken) ?? run;
        if (current.FanOut is not { Complete: false } || current.Status != "Running")
        {
            return current;
        }
        if (current.FanOut.Pages > 0)
        {
            Logs.PullResumed(logger, run.RunId, run.WorkspaceId, current.FanOut.Pages, current.FanOut.Items);
        }
        return await PullAsync(current, config, source, cancellationToken);
    }

    private async Task<IngestionRun> PullAsync(IngestionRun run, WorkspaceConfig config, IMessageSource source, CancellationToken cancellationToken)
    {
        using var activity = WorkTelemetry.StartPull(run);
        var progress = run.FanOut!;
        var stored = progress.IgnoreCheckpoints ? [] : await states.ListAsync(config.Id, cancellationToken);
        var from = Cursor.Merge(stored, progress.Cursor, config.Id);
        var position = progress.Items;
        try
        {
            await foreach (var batch in source.ReadAsync(config, from, progress.Since, cancellationToken))
            {
                var items = new List<WorkItem>(batch.Items.Count);
                foreach (var item in batch.Items)
                {
                    items.Add(await WorkItemOfAsync(config.Id, run.RunId, ++position, item, progress.Since, cancellationToken)
                        with { HistoricalBefore = run.Trigger == "Backfill" ? run.StartedAt : null });
                }
                await queue.EnqueueAsync(items, cancellationToken);
                WorkTelemetry.PageEnqueued(run, items.Count);
                progress = progress with
                {
                    Items = position,
                    Pages = progress.Pages + 1,
                    Cursor = Cursor.Advance(progress.Cursor, batch.Checkpoints),
                    Heartbeat = time.GetUtcNow(),
                };
                run = run with { FanOut = progress };
                await records.SaveRunAsync(run, cancellationToken);
                await AnnounceAsync(items, run, cancellationToken);
                if (progress.PageCap is { } cap && progress.Pages >= cap)
                {
                    progress = progress with { SourceExhausted = false };
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What was enqueued stays enqueued and is processed; the run fails without moving the checkpoints.
            OpsHelmTelemetry.Failed(activity, ex);
            Logs.PullFailed(logger, ex, run.RunId, run.WorkspaceId);
            run = run with { FanOut = progress with { Complete = true }, Error = ex.Message };
            await records.SaveRunAsync(run, CancellationToken.None);
            return run;
        }
        run = run with { FanOut = progress with { Complete = true, Heartbeat = time.GetUtcNow() } };
        await records.SaveRunAsync(run, cancellationToken);
        WorkTelemetry.PullFinished(activity, progress);
        Logs.PullFinished(logger, run.RunId, run.WorkspaceId, progress.Pages, progress.Items);
        return run;
    }

    // The page is in the store and the cursor past it: an announcement that fails only delays its items until the supervisor repeats it.
    private async Task AnnounceAsync(IReadOnlyList<WorkItem> items, IngestionRun run, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }
        try
        {
            await dispatcher.ItemsReadyAsync(items, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.AnnounceFailed(logger, ex, items.Count, run.RunId, run.WorkspaceId);
        }
    }

    private async Task<WorkItem> WorkItemOfAsync(string workspaceId, string runId, int position, SourceItem item, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (item.Message is not { } message)
        {
            return new WorkItem
            {
                Id = WorkItem.IdOf(workspaceId, runId, "unreadable:" + (item.RawFingerprint ?? item.ResultId)),
                WorkspaceId = workspaceId,
                RunId = runId,
                Position = position,
                ResultId = item.ResultId,
                Failure = item.Failure ?? "the item could not be read as a message",
                RawFingerprint = item.RawFingerprint,
                Since = since,
                VisibleAt = now,
                CreatedAt = now,
            };
        }
        var key = NormalizeStep.EventKey(message);
        var detached = await processor.DetachAttachmentsAsync(workspaceId, message, cancellationToken);
        await archive.SaveAsync(workspaceId, key, detached, cancellationToken);
        return new WorkItem
        {
            Id = WorkItem.IdOf(workspaceId, runId, key),
            WorkspaceId = workspaceId,
            RunId = runId,
            Position = position,
            EventKey = key,
            ResultId = item.ResultId,
            Since = since,
            VisibleAt = now,
            CreatedAt = now,
        };
    }
}
