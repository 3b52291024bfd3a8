using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Telemetry;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Runs;

/// <summary>
/// The runner sequence of DESIGN §5, the same whatever triggered it: load the workspace, load checkpoints, pull,
/// run steps 4–7 per message, record, advance checkpoints page by page, emit the summary. With <paramref name="pages"/>, each page
/// (its records and its checkpoints) is one store transaction and each message a unit inside it: a message whose processing
/// throws rolls back alone and is recorded as a ProcessingFailed exception; the page goes on. The source is read, and steps 4–7
/// guessed, a page ahead on a flow of their own (<see cref="PageLookahead"/>); the recording checks each guess and writes.
/// </summary>
public sealed class IngestionRunner(
    IProcessingStateStore states,
    IRecordStore records,
    IAttachmentStore attachments,
    IMessageArchive archive,
    IWorkspaceLock locks,
    MessagePipeline pipeline,
    TimeProvider time,
    ILogger<IngestionRunner> logger,
    IPageTransactions? pages = null)
{
    private readonly IPageTransactions _pages = pages ?? NoPageTransactions.Instance;
    private readonly MessageProcessor _processor = new(records, attachments, archive, pipeline, time, logger);
    private readonly TicketSweep _sweep = new(records, time);

    /// <summary>Runs <paramref name="request"/> and returns the finished run. A missing or invalid configuration aborts before anything is written.</summary>
    public async Task<IngestionRun> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        using var activity = RunTelemetry.StartRun(request.Trigger);
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
        RunTelemetry.Started(activity, run);
        Logs.RunStarted(logger, run.RunId, config.Id, run.Trigger, run.Bootstrap, request.Source.Description);

        var counter = new RunCounter();
        var checkpointWritten = false;
        try
        {
            await using var lookahead = PageLookahead.Start(request.Source.ReadAsync(config, checkpoints, request.Since, cancellationToken),
                records, pipeline, profile, run.RunId, request.Since, request.Observer is not null, cancellationToken);
            await foreach (var (batch, guesses) in lookahead.Pages(cancellationToken))
            {
                await using var page = _pages.BeginPage();
                for (var i = 0; i < batch.Items.Count; i++)
                {
                    counter.Fetched++;
                    var processed = await ProcessInUnitAsync(page, batch.Items[i], guesses[i], profile, run.RunId, request, started, cancellationToken);
                    counter.Add(processed.Summary);
                    if (processed.Result is { } result)
                    {
                        request.Observer?.Invoke(result);
                    }
                    request.Progress?.Report(counter.Fetched);
                }
                // A page's checkpoint moves only once every item of the page is recorded, and commits with them.
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
                await page.CommitAsync(cancellationToken);
            }
            if (request.Trigger != "Backfill")
            {
                await using var page = _pages.BeginPage();
                counter.TasksCreated += await _sweep.SweepAsync(profile, cancellationToken);
                await page.CommitAsync(cancellationToken);
            }
            run = Finish(run, "Succeeded", null, counter, checkpointWritten, stopwatch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.RunFailed(logger, ex, run.RunId, config.Id);
            run = Finish(run, "Failed", ex.Message, counter, checkpointWritten, stopwatch);
            await records.SaveRunAsync(run, CancellationToken.None);
            RunTelemetry.Finished(run, activity, ex);
            throw;
        }
        await records.SaveRunAsync(run, cancellationToken);
        RunTelemetry.Finished(run, activity);
        Logs.RunFinished(logger, run.RunId, config.Id, run.Status, run.Counts.Fetched, run.Counts.New,
            run.Counts.AlreadyRecorded, run.Counts.Exceptions, run.CoveragePercent, run.DurationMs);
        return run;
    }

    // All or nothing per message: what a throwing message wrote rolls back, and the message is recorded as ProcessingFailed instead.
    private async Task<ProcessedItem> ProcessInUnitAsync(
        IPageTransaction page, SourceItem item, OutcomeGuess? guess, WorkspaceProfile profile, string runId, RunRequest request, DateTimeOffset started,
        CancellationToken cancellationToken)
    {
        string error;
        using (var unit = page.BeginItem())
        {
            try
            {
                var processed = await _processor.ProcessAsync(item, profile, runId, request.Since, request.Observer is not null, cancellationToken,
                    request.Trigger == "Backfill" ? started : null, guess);
                unit.Complete();
                return processed;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.ItemFailed(logger, ex, item.ResultId, runId);
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }
        return await _processor.RecordFailedItemAsync(item, profile, runId, error, cancellationToken);
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
