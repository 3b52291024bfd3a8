using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace OpsHelm.DurableWorker;

/// <summary>
/// With <see cref="DurableWorkerOptions.StartRun"/>, schedules the workspace's orchestration once the sidecar serves; a
/// running instance is never replaced (dedupe statuses), so a restarted process resumes the run it finds.
/// </summary>
internal sealed partial class RunStarter(DurableTaskClient client, IOptions<DurableWorkerOptions> options, IHostApplicationLifetime lifetime,
    ILogger<RunStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.StartRun)
        {
            return;
        }
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);
        var workspaceId = options.Value.WorkspaceId;
        var start = new StartOrchestrationOptions { InstanceId = IngestionRegistration.InstanceId(workspaceId) }
            .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running);
        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(IngestionRegistration.Orchestrator, IngestionRegistration.StartInput(workspaceId),
            start, stoppingToken);
        RunScheduled(logger, instanceId);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Scheduled orchestration {InstanceId}")]
    private static partial void RunScheduled(ILogger logger, string instanceId);
}
