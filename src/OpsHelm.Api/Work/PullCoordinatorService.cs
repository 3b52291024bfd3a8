using Microsoft.Extensions.Options;
using OpsHelm.Api.Hosting;

namespace OpsHelm.Api.Work;

/// <summary>Runs the pull coordinator's check at start-up (resuming what a crash left), after every recorded push and at the poll interval.</summary>
public sealed class PullCoordinatorService(PullCoordinator coordinator, WorkSignal signal, IOptions<WorkQueueOptions> options) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await coordinator.CheckAsync(stoppingToken);
                await signal.WaitForPushAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
