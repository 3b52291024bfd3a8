using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Functions.Hosting;
using OpsHelm.Functions.Work;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary><c>GET /api/webhooks/whatsapp</c> (Meta's verification) and <c>POST</c> (a delivery signed with X-Hub-Signature-256, recorded before the 200).</summary>
public static class WhatsAppWebhookFunction
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps the functions.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/webhooks/whatsapp", (HttpRequest request, Configured<WhatsAppWebhookHandler> handler) =>
        {
            if (handler.Value is not { } whatsApp)
            {
                return NotConfigured(handler);
            }
            var verification = whatsApp.Verify(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"]);
            return verification.Accepted
                ? Results.Text(verification.Challenge, "text/plain")
                : Results.Problem(statusCode: verification.StatusCode, title: "The verify token or mode does not match.");
        }).WithName("WhatsAppVerification").ExcludeFromDescription();
        app.MapPost("/api/webhooks/whatsapp", async (HttpRequest request, Configured<WhatsAppWebhookHandler> handler, IWorkNotifier notifier, CancellationToken cancellationToken) =>
        {
            if (handler.Value is not { } whatsApp)
            {
                return NotConfigured(handler);
            }
            if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
            {
                return RequestBody.TooLarge(MaxBodyBytes);
            }
            var result = await whatsApp.HandleAsync(request.Headers["X-Hub-Signature-256"].ToString(), body, cancellationToken);
            if (result.StatusCode == StatusCodes.Status200OK)
            {
                await notifier.PullRequestedAsync(cancellationToken);
            }
            return result.StatusCode == StatusCodes.Status200OK
                ? Results.Ok()
                : Results.Problem(statusCode: result.StatusCode, title: result.Reason);
        }).WithName("WhatsAppDelivery").ExcludeFromDescription();
    }

    private static IResult NotConfigured(Configured<WhatsAppWebhookHandler> handler) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"WhatsApp is not configured: {handler.Missing}");
}
