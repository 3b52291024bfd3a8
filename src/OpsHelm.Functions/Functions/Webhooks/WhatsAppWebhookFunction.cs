using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Webhooks;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary><c>GET /api/webhooks/whatsapp</c> (Meta's verification) and <c>POST</c> (a signed delivery, recorded before the 200).</summary>
public sealed class WhatsAppWebhookFunction(Configured<WhatsAppWebhookHandler> handler)
{
    /// <summary>Runs the function.</summary>
    [Function("WhatsAppWebhook")]
    public async Task<WebhookOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "webhooks/whatsapp")] HttpRequest request, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(request.Method)
            ? WebhookOutput.Of(new WebhookReply(WhatsAppWebhookEndpoint.Verify(request, handler)))
            : WebhookOutput.Of(await WhatsAppWebhookEndpoint.ReceiveAsync(request, handler, cancellationToken));
}
