using OpsHelm.Api.Hosting;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Ports;

namespace OpsHelm.Api.Sources;

/// <summary>
/// Answers Graph's lifecycle notices that ask for the subscription itself (reauthorizationRequired: renew;
/// subscriptionRemoved: recreate) rather than for a pull. Both hosts call it when a notice arrives; without Graph settings
/// the notices stay pending and RenewGraphSubscriptions catches up once Graph is configured.
/// </summary>
public sealed class LifecycleNotices(Configured<GraphSubscriptionManager> graphSubscriptions, IPushInbox pushes, ISubscriptionStore subscriptions)
{
    /// <summary>Processes the workspace's pending lifecycle notices; returns how many were answered.</summary>
    public Task<int> ProcessAsync(string workspaceId, CancellationToken cancellationToken) =>
        graphSubscriptions.Value is { } manager
            ? new GraphLifecycleProcessor(pushes, subscriptions, manager).ProcessAsync(workspaceId, cancellationToken)
            : Task.FromResult(0);
}
