using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Scheduled;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>Sweep</c> (<c>0 */15 * * * *</c>): re-evaluates every workspace's tickets (stale, waiting) and creates follow-up tasks.</summary>
public sealed class SweepFunction(SweepJob job, ILogger<SweepFunction> logger)
{
    /// <summary>Runs the function.</summary>
    [Function("Sweep")]
    public async Task RunAsync([TimerTrigger("0 */15 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var line in await job.RunAsync(cancellationToken))
        {
            Logs.JobReported(logger, job.Name, line);
        }
    }
}
