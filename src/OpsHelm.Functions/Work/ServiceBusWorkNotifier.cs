using System.Globalization;
using OpsHelm.Core.Work;
using OpsHelm.Storage.Azure.ServiceBus;

namespace OpsHelm.Functions.Work;

/// <summary>
/// The ServiceBus kind: one message per ready item, in the workspace's session (so a workspace's messages are delivered
/// in the order they were read, one at a time, as the in-process workers take them), and a pull message in session
/// <c>pulls</c>. Pull requests within one second share a message id and a delivery at the end of that second, so the
/// queue's duplicate detection folds a burst of pushes into one pull that still starts after the last of them.
/// </summary>
public sealed class ServiceBusWorkNotifier(ServiceBusRestSender sender, TimeProvider time, ILogger<ServiceBusWorkNotifier> logger) : IWorkNotifier
{
    /// <summary>The session of pull messages.</summary>
    public const string PullSession = "pulls";

    // A pull request must not hold up a webhook's acknowledgement: past this it is left to the supervisor.
    private static readonly TimeSpan PullRequestTimeout = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public Task ItemsReadyAsync(IReadOnlyList<WorkItem> items, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        // The id names the item, its attempt and the second it was announced: one announcement per second is kept.
        var stamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return sender.SendAsync(items.Select(item => new ServiceBusOutgoingMessage(
            new WorkMessage(WorkMessage.Item, item.WorkspaceId, item.Id).ToJson(),
            $"{item.Id}:{item.Attempts}:{stamp}",
            item.WorkspaceId,
            notBefore)).ToList(), cancellationToken);
    }

    /// <inheritdoc />
    public async Task PullRequestedAsync(CancellationToken cancellationToken)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PullRequestTimeout);
        try
        {
            await sender.SendAsync([new ServiceBusOutgoingMessage(
                new WorkMessage(WorkMessage.Pull).ToJson(),
                "pull:" + second.ToString(CultureInfo.InvariantCulture),
                PullSession,
                DateTimeOffset.FromUnixTimeSeconds(second + 1))], timeout.Token);
        }
        catch (Exception ex) when (ex is ServiceBusSendException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Logs.PullRequestFailed(logger, ex);
        }
    }
}
