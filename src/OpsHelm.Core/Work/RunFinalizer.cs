using OpsHelm.Core.Ingestion;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Work;

/// <summary>
/// The fan-in: once a run's pull is complete and every one of its items is Done or DeadLettered, writes the run's
/// checkpoints, sweeps tickets (not for a backfill), marks the pushes it answered Done and emits the summary (step 9).
/// Every step is idempotent, so finalizing twice (two workers finishing together, a crash midway) changes nothing.
/// </summary>
public sealed class RunFinalizer(
    IRecordStore records,
    IProcessingStateStore states,
    IWorkQueue queue,
    IPushInbox pushes,
    TicketSweep sweep,
    TimeProvider time,
    ILogger<RunFinalizer> logger)
{
    /// <summary>Finalizes run <paramref name="runId"/> when it is ready; returns the finished run, or null when it is not ready (or not a fan-out run).</summary>
    public async Task<IngestionRun?> TryFinalizeAsync(WorkspaceProfile profile, string runId, CancellationToken cancellationToken)
    {
        var run = await records.FindRunAsync(profile.Id, runId, cancellationToken);
        if (run is not { Status: "Running", FanOut: { Complete: true } progress })
        {
            return null;
        }
        var tally = await queue.TallyAsync(profile.Id, runId, cancellationToken);
        if (!tally.Finished)
        {
            return null;
        }
        using var activity = WorkTelemetry.StartFinalize(profile.Id, runId);
        var counter = new RunCounter { Fetched = tally.Total };
        foreach (var summary in tally.Summaries)
        {
            counter.Add(summary);
        }
        var now = time.GetUtcNow();
        foreach (var checkpoint in progress.Cursor)
        {
            await states.SaveAsync(new ProcessingState
            {
                WorkspaceId = profile.Id,
                Mailbox = checkpoint.Mailbox,
                Folder = checkpoint.Folder,
                Checkpoint = checkpoint.Checkpoint,
                LastProcessedMessageId = checkpoint.LastMessageId,
                LastSuccessfulRun = now,
            }, cancellationToken);
        }
        if (run.Trigger != "Backfill")
        {
            counter.TasksCreated += await sweep.SweepAsync(profile, cancellationToken);
        }
        if (run.Error is null)
        {
            foreach (var pushId in progress.PushIds)
            {
                await pushes.MarkDoneAsync(profile.Id, pushId, cancellationToken);
            }
        }
        run = run with
        {
            Status = run.Error is null ? "Succeeded" : "Failed",
            EndedAt = now,
            Counts = counter.ToCounts(),
            CoveragePercent = counter.CoveragePercent(),
            DurationMs = (long)(now - run.StartedAt).TotalMilliseconds,
            CheckpointWritten = progress.Cursor.Count > 0,
        };
        await records.SaveRunAsync(run, cancellationToken);
        RunTelemetry.Finished(run, activity);
        Logs.RunFinalized(logger, run.RunId, run.WorkspaceId, run.Status, run.Counts.Fetched, run.Counts.New, run.Counts.AlreadyRecorded,
            run.Counts.Exceptions, tally.DeadLettered, run.DurationMs);
        return run;
    }
}
