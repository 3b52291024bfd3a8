using System.Text.Json;
using OpsHelm.Core.Ports;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Acts on recorded Graph lifecycle notices after they were acknowledged: reauthorizationRequired renews the subscription,
/// subscriptionRemoved recreates it. A notice is marked Done only once its action succeeded, so a failure is retried later.
/// </summary>
public sealed class GraphLifecycleProcessor(IPushInbox inbox, ISubscriptionStore subscriptions, GraphSubscriptionManager manager)
{
    private const int PageSize = 200;

    /// <summary>Acts on the workspace's pending lifecycle notices; returns how many were done.</summary>
    public async Task<int> ProcessAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var notice in await inbox.ListPendingAsync(workspaceId, PageSize, cancellationToken))
        {
            if (notice.Provider != GraphSubscriptionManager.Provider || notice.Kind is not ("reauthorizationRequired" or "subscriptionRemoved"))
            {
                continue;
            }
            var subscriptionId = SubscriptionIdOf(notice.Payload);
            var subscription = subscriptionId is null ? null : await subscriptions.FindAsync(subscriptionId, cancellationToken);
            try
            {
                if (subscription is not null && subscription.WorkspaceId == workspaceId)
                {
                    _ = notice.Kind == "reauthorizationRequired"
                        ? await manager.RenewAsync(subscription, cancellationToken)
                        : await manager.RecreateAsync(subscription, cancellationToken);
                }
            }
            catch (Exception ex) when (GraphFailures.IsProviderFailure(ex))
            {
                // The manager put the failure on the source's health; the notice stays Pending for the next pass.
                continue;
            }
            // A subscription already replaced or deleted needs nothing more.
            await inbox.MarkDoneAsync(workspaceId, notice.Id, cancellationToken);
            done++;
        }
        return done;
    }

    // The payload is the handler's own JSON; only its subscription id is needed.
    private static string? SubscriptionIdOf(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.StringProperty("subscriptionId");
    }
}
