using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Ingestion;
using OpsHelm.Functions.Hosting;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>Poll</c> (every 5 minutes): starts every workspace's orchestration, the fallback that catches what pushes missed.</summary>
public sealed class PollFunction(WorkspaceRegistry registry, IngestionStarter ingestion, IngestionSettings settings, ILogger<PollFunction> logger)
{
    /// <summary>Runs the function.</summary>
    [Function("Poll")]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var starter = new DurableIngestionStarter(client, ingestion, settings);
        foreach (var workspace in registry.All)
        {
            var start = await starter.StartAsync(workspace, "Timer", null, cancellationToken);
            Logs.PollStarted(logger, workspace.Id, start.RunId, start.Started);
        }
    }
}
