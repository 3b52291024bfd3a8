using Microsoft.Graph;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.Imap;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Sources;
using OpsHelm.Api.Hosting;

namespace OpsHelm.Api.Sources;

/// <summary>
/// The provider clients the settings make possible, built once: Graph (its credential is a managed identity unless the
/// settings name a secret or certificate), Gmail and WhatsApp media when their settings are complete. A provider whose
/// settings are incomplete has no client and its <c>Missing</c> text says why.
/// </summary>
public sealed class ProviderClients(
    GraphOptions graphOptions,
    Configured<GraphServiceClient> graph,
    Configured<GmailConnection> gmail,
    Configured<WhatsAppMediaClient> whatsAppMedia,
    Configured<GraphSubscriptionManager> graphSubscriptions,
    Configured<GmailWatchManager> gmailWatches,
    Configured<ImapOptions> imap,
    SourceHealthTracker health)
{
    /// <summary>Graph settings.</summary>
    public GraphOptions GraphOptions => graphOptions;

    /// <summary>The Graph client, or why there is none.</summary>
    public Configured<GraphServiceClient> Graph => graph;

    /// <summary>The Gmail connection, or why there is none.</summary>
    public Configured<GmailConnection> Gmail => gmail;

    /// <summary>The WhatsApp media client, or why there is none.</summary>
    public Configured<WhatsAppMediaClient> WhatsAppMedia => whatsAppMedia;

    /// <summary>Graph subscriptions (create, renew, recreate), or why there are none.</summary>
    public Configured<GraphSubscriptionManager> GraphSubscriptions => graphSubscriptions;

    /// <summary>Gmail watches, or why there are none.</summary>
    public Configured<GmailWatchManager> GmailWatches => gmailWatches;

    /// <summary>IMAP settings (mailbox secrets, batch size, timeouts), or why they are invalid.</summary>
    public Configured<ImapOptions> Imap => imap;

    /// <summary>Connection state of every source.</summary>
    public SourceHealthTracker Health => health;
}
