using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Hosting;

/// <summary>
/// Registers the providers' webhook handlers from the <c>Graph</c>, <c>Gmail</c> and <c>WhatsApp</c> settings. Graph's needs no
/// secret of its own (each subscription carries one); Gmail's and WhatsApp's exist only when their settings are complete,
/// otherwise their routes say which settings are missing.
/// </summary>
public static class ConnectorServices
{
    /// <summary>Adds the handlers.</summary>
    public static IServiceCollection AddWebhookHandlers(this IServiceCollection services)
    {
        services.AddSingleton(sp => Bind<GraphOptions>(sp, GraphOptions.SectionName));
        services.AddSingleton<UnroutedDeliveries>();
        services.AddSingleton(sp => new GraphNotificationHandler(sp.GetRequiredService<ISubscriptionStore>(), sp.GetRequiredService<IPushInbox>(),
            sp.GetRequiredService<GraphOptions>().Subscriptions, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<UnroutedDeliveries>()));
        services.AddHttpClient(nameof(GmailPushHandler));
        services.AddSingleton(sp => Configured.Of(() => new GmailPushHandler(
            Bind<GmailPushOptions>(sp, GmailOptions.SectionName + ":Push"),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GmailPushHandler)),
            sp.GetRequiredService<IPushInbox>(), [.. sp.GetRequiredService<WorkspaceRegistry>().All], sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<UnroutedDeliveries>())));
        services.AddSingleton(sp => Configured.Of(() => new WhatsAppWebhookHandler(
            Bind<WhatsAppOptions>(sp, WhatsAppOptions.SectionName),
            sp.GetRequiredService<IPushInbox>(), [.. sp.GetRequiredService<WorkspaceRegistry>().All], sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<UnroutedDeliveries>())));
        return services;
    }

    internal static T Bind<T>(IServiceProvider services, string section) where T : new()
    {
        var options = new T();
        services.GetRequiredService<IConfiguration>().GetSection(section).Bind(options);
        return options;
    }
}
