using Microsoft.Extensions.Logging;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Work;

/// <summary>
/// Finds a workspace's fan-out runs that stopped moving: a pull with no progress for <see cref="WorkQueueSettings.StallAfter"/>
/// is resumed from its cursor and leaves an incident; a run whose items are all finished is finalized; items visible for
/// longer than that without being taken (an announcement lost, a lease lapsed with its holder) are announced again.
/// </summary>
public sealed class RunSupervisor(
    IRecordStore records,
    ISourceHealthStore health,
    IWorkQueue queue,
    IWorkDispatcher dispatcher,
    FanOutPull pull,
    RunFinalizer finalizer,
    WorkQueueSettings settings,
    TimeProvider time,
    ILogger<RunSupervisor> logger)
{
    /// <summary>How many recent runs are looked at.</summary>
    public int RecentRuns { get; init; } = 50;

    /// <summary>Overdue items announced again per workspace and supervision.</summary>
    public int MaxOverdue { get; init; } = 500;

    /// <summary>Resumes stalled pulls and finalizes finished runs of the workspace; <paramref name="sourceFor"/> gives a stalled pull its source.</summary>
    public async Task<SupervisorReport> SuperviseAsync(WorkspaceProfile profile, Func<IMessageSource> sourceFor, CancellationToken cancellationToken)
    {
        var resumed = 0;
        var finalized = 0;
        foreach (var run in await records.ListRunsAsync(profile.Id, RecentRuns, cancellationToken))
        {
            if (run is not { Status: "Running", FanOut: { } progress })
            {
                continue;
            }
            if (!progress.Complete)
            {
                if (time.GetUtcNow() - progress.Heartbeat < settings.StallAfter)
                {
                    continue;
                }
                Logs.RunStalled(logger, run.RunId, run.WorkspaceId, progress.Heartbeat);
                await health.SaveIncidentAsync(new SourceIncident
                {
                    Id = StableId.Of("incident", profile.Id, "stalled-run", run.RunId, progress.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    WorkspaceId = profile.Id,
                    SourceId = "runs",
                    Kind = "StalledRun",
                    Details = $"Run {run.RunId} made no progress after page {progress.Pages} ({progress.Items} items) since {progress.Heartbeat:O}; its pull was resumed.",
                    Status = "Resolved",
                    OpenedAt = time.GetUtcNow(),
                    ResolvedAt = time.GetUtcNow(),
                }, cancellationToken);
                await pull.ResumeAsync(run, profile.Config, sourceFor(), TimeSpan.FromSeconds(5), cancellationToken);
                resumed++;
            }
            if (await finalizer.TryFinalizeAsync(profile, run.RunId, cancellationToken) is not null)
            {
                finalized++;
            }
        }
        var overdueBefore = time.GetUtcNow() - settings.StallAfter;
        var overdue = await queue.ListOverdueAsync(profile.Id, overdueBefore, MaxOverdue, cancellationToken);
        if (overdue.Count > 0)
        {
            Logs.OverdueAnnounced(logger, overdue.Count, profile.Id, overdueBefore);
            await dispatcher.ItemsReadyAsync(overdue, null, cancellationToken);
        }
        return new SupervisorReport(resumed, finalized, overdue.Count);
    }
}

/// <summary>What one supervision of a workspace did.</summary>
/// <param name="Resumed">Stalled pulls resumed.</param>
/// <param name="Finalized">Runs finalized.</param>
/// <param name="Reannounced">Overdue items announced again.</param>
public sealed record SupervisorReport(int Resumed, int Finalized, int Reannounced);
