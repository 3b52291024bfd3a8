using OpsHelm.Api.Health;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Portal;
using OpsHelm.Api.Webhooks;

namespace OpsHelm.Api;

/// <summary>Maps the whole HTTP surface of DESIGN §7 for <c>opshelm serve</c> (the Functions app has one function per route instead).</summary>
public static class ApiRoutes
{
    /// <summary>Maps health, the portal API, its OpenAPI document and the provider webhooks.</summary>
    public static WebApplication MapOpsHelmApi(this WebApplication app)
    {
        HealthEndpoint.Map(app);
        app.MapPortal();
        app.MapOpenApiDocument();
        GraphNotificationsEndpoint.Map(app);
        GmailPushEndpoint.Map(app);
        WhatsAppWebhookEndpoint.Map(app);
        return app;
    }
}
