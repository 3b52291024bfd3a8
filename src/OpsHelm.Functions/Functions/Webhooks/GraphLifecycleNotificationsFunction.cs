using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Webhooks;
using OpsHelm.Connectors.Graph;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary><c>POST /api/notifications/graph/lifecycle</c>: Graph's lifecycle notifications (reauthorize, removed, missed), recorded before the 202.</summary>
public sealed class GraphLifecycleNotificationsFunction(GraphNotificationHandler handler)
{
    /// <summary>Runs the function.</summary>
    [Function("GraphLifecycleNotifications")]
    public async Task<WebhookOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/graph/lifecycle")] HttpRequest request, CancellationToken cancellationToken) =>
        WebhookOutput.Of(await GraphNotificationsEndpoint.HandleAsync(request, handler, cancellationToken));
}
