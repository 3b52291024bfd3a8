using Microsoft.Extensions.Options;
using OpsHelm.Api.Scheduled;

namespace OpsHelm.Api.Hosting.Scheduling;

/// <summary>
/// <c>opshelm serve</c>'s timers: runs each scheduled job at its interval (the Functions host fires the same jobs from its
/// timer functions), the subscription and watch renewals also once at start. A job that fails is logged and runs again at
/// its next interval.
/// </summary>
public sealed class StandaloneScheduler(IEnumerable<IScheduledJob> jobs, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<StandaloneScheduler> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? Task.WhenAll(jobs.Select(job => RunAsync(job, options.Value.IntervalOf(job.Name), stoppingToken))) : Task.CompletedTask;

    private async Task RunAsync(IScheduledJob job, TimeSpan interval, CancellationToken stoppingToken)
    {
        Logs.TimerScheduled(logger, job.Name, interval);
        var wait = job.RunsAtStart ? TimeSpan.Zero : interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken);
                wait = interval;
                foreach (var line in await job.RunAsync(stoppingToken))
                {
                    Logs.JobReported(logger, job.Name, line);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.TimerFailed(logger, ex, job.Name);
            }
        }
    }
}
