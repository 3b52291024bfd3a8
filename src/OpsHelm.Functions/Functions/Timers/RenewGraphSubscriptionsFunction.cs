using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Scheduled;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>RenewGraphSubscriptions</c> (<c>0 0 */6 * * *</c>): creates missing Graph subscriptions and renews those close to expiry.</summary>
public sealed class RenewGraphSubscriptionsFunction(RenewGraphSubscriptionsJob job, ILogger<RenewGraphSubscriptionsFunction> logger)
{
    /// <summary>Runs the function.</summary>
    [Function("RenewGraphSubscriptions")]
    public async Task RunAsync([TimerTrigger("0 0 */6 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var line in await job.RunAsync(cancellationToken))
        {
            Logs.JobReported(logger, job.Name, line);
        }
    }
}
