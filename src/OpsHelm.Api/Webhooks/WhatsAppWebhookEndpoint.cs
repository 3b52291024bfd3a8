using OpsHelm.Api.Hosting;
using OpsHelm.Api.Ingestion;
using OpsHelm.Connectors.WhatsApp;

namespace OpsHelm.Api.Webhooks;

/// <summary><c>GET /api/webhooks/whatsapp</c> (Meta's verification) and <c>POST</c> (a delivery signed with X-Hub-Signature-256, recorded before the 200).</summary>
public static class WhatsAppWebhookEndpoint
{
    /// <summary>The provider name notices carry.</summary>
    public const string Provider = "WhatsApp";

    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/webhooks/whatsapp", Verify).WithName("WhatsAppVerification").ExcludeFromDescription();
        app.MapPost("/api/webhooks/whatsapp", async (HttpRequest request, Configured<WhatsAppWebhookHandler> handler, INoticeSink sink, CancellationToken cancellationToken) =>
            await (await ReceiveAsync(request, handler, cancellationToken)).HandOnAsync(sink, cancellationToken))
        .WithName("WhatsAppDelivery").ExcludeFromDescription();
    }

    /// <summary>Meta's verification: the challenge when the token matches.</summary>
    public static IResult Verify(HttpRequest request, Configured<WhatsAppWebhookHandler> handler)
    {
        if (handler.Value is not { } whatsApp)
        {
            return NotConfigured(handler);
        }
        var verification = whatsApp.Verify(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"]);
        return verification.Accepted
            ? Results.Text(verification.Challenge, "text/plain")
            : Results.Problem(statusCode: verification.StatusCode, title: "The verify token or mode does not match.");
    }

    /// <summary>A signed delivery, recorded before the 200.</summary>
    public static async Task<WebhookReply> ReceiveAsync(HttpRequest request, Configured<WhatsAppWebhookHandler> handler, CancellationToken cancellationToken)
    {
        if (handler.Value is not { } whatsApp)
        {
            return new WebhookReply(NotConfigured(handler));
        }
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return new WebhookReply(RequestBody.TooLarge(MaxBodyBytes));
        }
        var result = await whatsApp.HandleAsync(request.Headers["X-Hub-Signature-256"].ToString(), body, cancellationToken);
        if (result.StatusCode != StatusCodes.Status200OK)
        {
            return new WebhookReply(Results.Problem(statusCode: result.StatusCode, title: result.Reason));
        }
        // Only what was recorded now asks for a run: a redelivery's messages are already answered (or pending, for the poll).
        return new WebhookReply(Results.Ok(), result.MessagesRecorded > 0 || result.Statuses is { Count: > 0 } ? new InboundNotice(Provider) : null);
    }

    private static IResult NotConfigured(Configured<WhatsAppWebhookHandler> handler) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"WhatsApp is not configured: {handler.Missing}");
}
