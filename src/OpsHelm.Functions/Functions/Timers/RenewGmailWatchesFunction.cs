using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Scheduled;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>RenewGmailWatches</c> (<c>0 15 */12 * * *</c>): starts or renews every Gmail mailbox's watch.</summary>
public sealed class RenewGmailWatchesFunction(RenewGmailWatchesJob job, ILogger<RenewGmailWatchesFunction> logger)
{
    /// <summary>Runs the function.</summary>
    [Function("RenewGmailWatches")]
    public async Task RunAsync([TimerTrigger("0 15 */12 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var line in await job.RunAsync(cancellationToken))
        {
            Logs.JobReported(logger, job.Name, line);
        }
    }
}
