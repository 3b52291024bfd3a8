using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Ingestion;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.DurableWorker;

/// <summary>
/// With <see cref="DurableWorkerOptions.StartRun"/>, starts a manual run of the workspace through the Functions app's own
/// <see cref="IngestionStarter"/> once the sidecar serves (a running instance is signalled, never replaced).
/// </summary>
internal sealed partial class RunStarter(DurableTaskClient client, IngestionStarter starter, IngestionSettings settings, IOptions<DurableWorkerOptions> options,
    IHostApplicationLifetime lifetime, ILogger<RunStarter> logger) : BackgroundService
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
        var request = IngestionRequest.For(options.Value.WorkspaceId, "Manual", null, settings);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var start = await starter.StartOrSignalAsync(client, request, stoppingToken);
                RunScheduled(logger, IngestionRegistration.InstanceId(request.WorkspaceId), start.RunId, start.Started);
                return;
            }
            catch (RpcException unavailable) when (unavailable.StatusCode == StatusCode.Unavailable && attempt < 50)
            {
                // The channel to this process's own sidecar backs off after a refused connection made before Kestrel listened.
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Orchestration {InstanceId}: run {RunId} (started: {Started})")]
    private static partial void RunScheduled(ILogger logger, string instanceId, string runId, bool started);
}
