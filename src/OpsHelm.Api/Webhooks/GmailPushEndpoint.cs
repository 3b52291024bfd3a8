using OpsHelm.Api.Hosting;
using OpsHelm.Api.Ingestion;
using OpsHelm.Connectors.Gmail;

namespace OpsHelm.Api.Webhooks;

/// <summary><c>POST /api/notifications/gmail</c>: a Pub/Sub push of a Gmail watch, its OIDC token verified, recorded once per Pub/Sub message (204).</summary>
public static class GmailPushEndpoint
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/notifications/gmail", async (HttpRequest request, Configured<GmailPushHandler> handler, INoticeSink sink, CancellationToken cancellationToken) =>
            await (await HandleAsync(request, handler, cancellationToken)).HandOnAsync(sink, cancellationToken))
        .WithName("GmailPush").ExcludeFromDescription();

    /// <summary>Handles a push.</summary>
    public static async Task<WebhookReply> HandleAsync(HttpRequest request, Configured<GmailPushHandler> handler, CancellationToken cancellationToken)
    {
        if (handler.Value is not { } gmail)
        {
            return new WebhookReply(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Gmail pushes are not configured: {handler.Missing}"));
        }
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return new WebhookReply(RequestBody.TooLarge(MaxBodyBytes));
        }
        var result = await gmail.HandleAsync(request.Headers.Authorization.ToString(), body, cancellationToken);
        if (result.StatusCode != StatusCodes.Status204NoContent)
        {
            return new WebhookReply(Results.Problem(statusCode: result.StatusCode, title: result.Reason));
        }
        return new WebhookReply(Results.NoContent(),
            result is { Outcome: GmailPushOutcome.Recorded, Notice: { } notice } ? new InboundNotice(GmailConnection.Provider, notice.WorkspaceId, notice.Id) : null);
    }
}
