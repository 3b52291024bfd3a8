using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Webhooks;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary><c>POST /api/notifications/gmail</c>: a Pub/Sub push of a Gmail watch, its OIDC token verified, recorded before the 204.</summary>
public sealed class GmailPushFunction(Configured<GmailPushHandler> handler)
{
    /// <summary>Runs the function.</summary>
    [Function("GmailPush")]
    public async Task<WebhookOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/gmail")] HttpRequest request, CancellationToken cancellationToken) =>
        WebhookOutput.Of(await GmailPushEndpoint.HandleAsync(request, handler, cancellationToken));
}
