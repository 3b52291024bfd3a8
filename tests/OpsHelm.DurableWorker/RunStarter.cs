using Grpc.Core;
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(IngestionRegistration.Orchestrator,
                    IngestionRegistration.StartInput(workspaceId), start, stoppingToken);
                RunScheduled(logger, instanceId);
                return;
            }
            catch (RpcException unavailable) when (unavailable.StatusCode == StatusCode.Unavailable && attempt < 50)
            {
                // The channel to this process's own sidecar backs off after a refused connection made before Kestrel listened.
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Scheduled orchestration {InstanceId}")]
    private static partial void RunScheduled(ILogger logger, string instanceId);
}
