using Microsoft.Extensions.Logging;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Core.Ingestion;

/// <summary>A run whose pages are all recorded (or whose pull failed), with what its messages did.</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="RunId">The run.</param>
/// <param name="Counts">The sum of its messages' summaries.</param>
/// <param name="CheckpointWritten">True when any page's checkpoints were written.</param>
/// <param name="PushIds">The pushes it answers, marked Done when it succeeded.</param>
/// <param name="Error">Why its pull failed, if it did (the run is then Failed; what was recorded stays).</param>
public sealed record FinalizeRunRequest(string WorkspaceId, string RunId, RunCounts Counts, bool CheckpointWritten, IReadOnlyList<string> PushIds, string? Error = null);

/// <summary>
/// Step 9, the fan-in's end: writes the run's counts, coverage and status, sweeps tickets (not after a backfill, whose
/// quiet spells are history), marks the pushes it answered Done and emits the summary. Idempotent: a finalized run is
/// answered as it stands.
/// </summary>
public sealed class FinalizeRunStep(IIngestionSources sources, IRecordStore records, IPushInbox pushes, TicketSweep sweep, TimeProvider time, ILogger<FinalizeRunStep> logger)
{
    /// <summary>Finalizes the run <paramref name="request"/> names; returns its summary.</summary>
    public async Task<RunSummary> RunAsync(FinalizeRunRequest request, CancellationToken cancellationToken)
    {
        var profile = sources.Find(request.WorkspaceId) ?? throw new WorkspaceNotConfiguredException(request.WorkspaceId);
        var run = await records.FindRunAsync(request.WorkspaceId, request.RunId, cancellationToken)
            ?? throw new InvalidOperationException($"Run {request.RunId} of workspace {request.WorkspaceId} was never started.");
        if (run.Status != "Running")
        {
            return RunSummary.Of(run, await UnansweredAsync(request, cancellationToken));
        }
        using var activity = IngestionTelemetry.StartFinalize(request.WorkspaceId, request.RunId);
        var counts = request.Counts;
        if (request.Error is null && run.Trigger != "Backfill")
        {
            counts = counts with { TasksCreated = counts.TasksCreated + await sweep.SweepAsync(profile, cancellationToken) };
        }
        if (request.Error is null)
        {
            foreach (var pushId in request.PushIds)
            {
                await pushes.MarkDoneAsync(request.WorkspaceId, pushId, cancellationToken);
            }
        }
        var now = time.GetUtcNow();
        run = run with
        {
            Status = request.Error is null ? "Succeeded" : "Failed",
            Error = request.Error,
            EndedAt = now,
            Counts = counts,
            CoveragePercent = RunTotals.CoveragePercent(counts),
            DurationMs = (long)(now - run.StartedAt).TotalMilliseconds,
            CheckpointWritten = request.CheckpointWritten,
            Progress = null,
        };
        await records.SaveRunAsync(run, cancellationToken);
        RunTelemetry.Finished(run, activity);
        Logs.RunFinalized(logger, run.RunId, run.WorkspaceId, run.Status, counts.Fetched, counts.New, counts.AlreadyRecorded, counts.Exceptions,
            run.CoveragePercent, run.DurationMs);
        return RunSummary.Of(run, await UnansweredAsync(request, cancellationToken));
    }

    // Pushes recorded after the run listed the ones it answers: the next run's.
    private async Task<int> UnansweredAsync(FinalizeRunRequest request, CancellationToken cancellationToken)
    {
        var answered = request.PushIds.ToHashSet(StringComparer.Ordinal);
        return (await PendingNotices.ListAsync(pushes, request.WorkspaceId, cancellationToken)).Count(id => !answered.Contains(id));
    }
}

/// <summary>A finished run in brief: what the orchestration returns and the in-process driver reports.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Succeeded or Failed.</param>
/// <param name="Fetched">Items read.</param>
/// <param name="New">Messages newly recorded.</param>
/// <param name="Exceptions">New exception records.</param>
/// <param name="CoveragePercent">Items in scope that have an EmailEvent.</param>
/// <param name="PendingNotices">Pushes still pending that the run did not answer (they came during it): another run follows.</param>
public sealed record RunSummary(string RunId, string Status, int Fetched, int New, int Exceptions, double CoveragePercent, int PendingNotices = 0)
{
    /// <summary>The summary of <paramref name="run"/>.</summary>
    public static RunSummary Of(IngestionRun run, int pendingNotices = 0) =>
        new(run.RunId, run.Status, run.Counts.Fetched, run.Counts.New, run.Counts.Exceptions, run.CoveragePercent, pendingNotices);
}
