using Microsoft.Extensions.Options;
using Microsoft.Graph;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.Imap;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;

using OpsHelm.Api.Sources;

namespace OpsHelm.Api.Hosting;

/// <summary>Registers the provider clients the settings make possible and the sources a workspace's pull reads (both hosts).</summary>
public static class ProviderServices
{
    /// <summary>Adds the provider clients the settings make possible (both hosts).</summary>
    public static IServiceCollection AddProviderClients(this IServiceCollection services) =>
        services.AddSingleton(ProviderClientsOf).AddSingleton<WorkspaceSources>()
            .AddSingleton(sp => new LifecycleNotices(sp.GetRequiredService<ProviderClients>().GraphSubscriptions,
                sp.GetRequiredService<IPushInbox>(), sp.GetRequiredService<ISubscriptionStore>()));

    private static ProviderClients ProviderClientsOf(IServiceProvider sp)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        var health = sp.GetRequiredService<SourceHealthTracker>();
        var subscriptions = sp.GetRequiredService<ISubscriptionStore>();
        var http = sp.GetRequiredService<IHttpClientFactory>();
        var graphOptions = sp.GetRequiredService<GraphOptions>();
        // Without any Graph:Credential setting Graph is not configured (rather than a managed identity a laptop does not have).
        var graphSet = sp.GetRequiredService<IConfiguration>().GetSection(GraphOptions.SectionName + ":Credential").Exists();
        var graph = Configured.Of(() => graphSet
            ? GraphClientBuilder.Create(graphOptions, Credential(graphOptions), time)
            : throw new InvalidOperationException($"no {GraphOptions.SectionName}:Credential settings"));
        var gmail = Configured.Of(() =>
        {
            var options = ConnectorServices.Bind<GmailOptions>(sp, GmailOptions.SectionName);
            options.Validate();
            var credential = ConnectorServices.Bind<GmailCredentialOptions>(sp, GmailOptions.SectionName + ":Credential");
            credential.Validate();
            return new GmailConnection(http.CreateClient(nameof(GmailConnection)), new GmailCredentialFactory(credential), options, time);
        });
        var whatsApp = Configured.Of(() =>
        {
            var options = ConnectorServices.Bind<WhatsAppOptions>(sp, WhatsAppOptions.SectionName);
            options.Validate();
            return new WhatsAppMediaClient(http.CreateClient(nameof(WhatsAppMediaClient)), options, time);
        });
        var graphSubscriptions = Configured.Of(() => new GraphSubscriptionManager(
            graph.Value ?? throw new InvalidOperationException(graph.Missing), graphOptions.Subscriptions, subscriptions, health, time));
        var gmailWatches = Configured.Of(() => new GmailWatchManager(gmail.Value ?? throw new InvalidOperationException(gmail.Missing), subscriptions, health, time));
        var imap = Configured.Of(() =>
        {
            var options = ConnectorServices.Bind<ImapOptions>(sp, ImapOptions.SectionName);
            options.Validate();
            return options;
        });
        return new ProviderClients(graphOptions, graph, gmail, whatsApp, graphSubscriptions, gmailWatches, imap, health);
    }

    private static Azure.Core.TokenCredential Credential(GraphOptions options)
    {
        try
        {
            return GraphCredentialFactory.Create(options.Credential);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
