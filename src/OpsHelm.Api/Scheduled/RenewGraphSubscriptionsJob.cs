using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Ports;
using OpsHelm.Api.Work;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Scheduled;

/// <summary>
/// Scheduled job <c>RenewGraphSubscriptions</c>: gives every Graph mailbox its mail and calendar subscriptions (Graph validates the
/// notification URL while creating them) and renews those close to expiry.
/// </summary>
public sealed class RenewGraphSubscriptionsJob(WorkspaceRegistry registry, ProviderClients providers, ISubscriptionStore subscriptions) : IScheduledJob
{
    /// <inheritdoc />
    public bool RunsAtStart => true;

    /// <inheritdoc />
    public string Name => "RenewGraphSubscriptions";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        if (providers.GraphSubscriptions.Value is not { } manager)
        {
            return [$"Graph subscriptions are not configured: {providers.GraphSubscriptions.Missing}"];
        }
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            var existing = await subscriptions.ListAsync(workspace.Id, cancellationToken);
            foreach (var mailbox in workspace.Mailboxes.Where(m => m.Provider.Equals(GraphSubscriptionManager.Provider, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var resource in new[] { GraphSubscriptionManager.MailResource(mailbox.Address), GraphSubscriptionManager.EventsResource(mailbox.Address) })
                {
                    if (existing.Any(s => s.Resource == resource))
                    {
                        continue;
                    }
                    try
                    {
                        var created = await manager.CreateAsync(workspace.Id, mailbox.Address, resource, cancellationToken);
                        logs.Add($"created {created.Id} for {resource} until {created.ExpiresAt:O}");
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logs.Add($"could not create the subscription for {resource}: {ex.Message}");
                    }
                }
            }
            logs.Add($"{workspace.Id}: {await manager.RenewDueAsync(workspace.Id, cancellationToken)} subscriptions renewed");
        }
        return logs;
    }
}
