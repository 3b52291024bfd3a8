using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Webhooks;
using OpsHelm.Connectors.Graph;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary><c>POST /api/notifications/graph</c>: Graph's validation handshake, else its mail and event notifications, recorded before the 202.</summary>
public sealed class GraphNotificationsFunction(GraphNotificationHandler handler)
{
    /// <summary>Runs the function.</summary>
    [Function("GraphNotifications")]
    public async Task<WebhookOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/graph")] HttpRequest request, CancellationToken cancellationToken) =>
        WebhookOutput.Of(await GraphNotificationsEndpoint.HandleAsync(request, handler, cancellationToken));
}
