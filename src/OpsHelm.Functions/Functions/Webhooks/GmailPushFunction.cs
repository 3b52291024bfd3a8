using OpsHelm.Connectors.Gmail;
using OpsHelm.Functions.Hosting;
using OpsHelm.Functions.Work;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary><c>POST /api/notifications/gmail</c>: a Pub/Sub push of a Gmail watch, its OIDC token verified, recorded once per Pub/Sub message (204).</summary>
public static class GmailPushFunction
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the function.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/notifications/gmail", async (HttpRequest request, Configured<GmailPushHandler> handler, IWorkNotifier notifier, CancellationToken cancellationToken) =>
        {
            if (handler.Value is not { } gmail)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Gmail pushes are not configured: {handler.Missing}");
            }
            if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
            {
                return RequestBody.TooLarge(MaxBodyBytes);
            }
            var result = await gmail.HandleAsync(request.Headers.Authorization.ToString(), body, cancellationToken);
            if (result.StatusCode == StatusCodes.Status204NoContent)
            {
                await notifier.PullRequestedAsync(cancellationToken);
            }
            return result.StatusCode == StatusCodes.Status204NoContent
                ? Results.NoContent()
                : Results.Problem(statusCode: result.StatusCode, title: result.Reason);
        }).WithName("GmailPush").ExcludeFromDescription();
}
