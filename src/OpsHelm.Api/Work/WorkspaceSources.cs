using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Api.Work;

/// <summary>The source a workspace's pull reads: Graph mail and calendar, Gmail history and WhatsApp deliveries, for the providers its mailboxes name.</summary>
public sealed class WorkspaceSources(ProviderClients clients, IPushInbox pushes, IRecordStore records, TimeProvider time, ILogger<CompositeMessageSource> logger)
{
    /// <summary>The source for <paramref name="workspace"/>; a provider without settings is left out (its pull reads nothing, its health says NotConfigured and why).</summary>
    public IMessageSource For(WorkspaceConfig workspace)
    {
        var sources = new List<IMessageSource>();
        var notConfigured = new List<UnconfiguredProvider>();
        if (clients.Graph.Missing is { } graphMissing)
        {
            notConfigured.Add(new UnconfiguredProvider(GraphSubscriptionManager.Provider, graphMissing));
        }
        if (clients.Gmail.Missing is { } gmailMissing)
        {
            notConfigured.Add(new UnconfiguredProvider(GmailConnection.Provider, gmailMissing));
        }
        if (clients.WhatsAppMedia.Missing is { } whatsAppMissing)
        {
            notConfigured.Add(new UnconfiguredProvider(WhatsAppWebhookHandler.Provider, whatsAppMissing));
        }
        if (workspace.Mailboxes.Any(m => Is(m, GraphSubscriptionManager.Provider)) && clients.Graph.Value is { } graph)
        {
            sources.Add(new GraphMailDeltaSource(graph, clients.GraphOptions.Mail, clients.Health, time));
            sources.Add(new GraphCalendarSource(graph, clients.GraphOptions.Calendar, clients.Health, time));
        }
        if (workspace.Mailboxes.Any(m => Is(m, GmailConnection.Provider)) && clients.Gmail.Value is { } gmail)
        {
            sources.Add(new GmailHistorySource(gmail, clients.Health, time, records));
        }
        if (workspace.WhatsApp is not null && clients.WhatsAppMedia.Value is { } media)
        {
            sources.Add(new WhatsAppDeliverySource(pushes, media));
        }
        return new CompositeMessageSource(sources, logger) { NotConfigured = notConfigured, Health = clients.Health };
    }

    private static bool Is(MailboxConfig mailbox, string provider) => mailbox.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase);
}
