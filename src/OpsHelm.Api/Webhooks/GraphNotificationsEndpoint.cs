using OpsHelm.Api.Ingestion;
using OpsHelm.Connectors.Graph;

namespace OpsHelm.Api.Webhooks;

/// <summary>
/// <c>POST /api/notifications/graph</c> and <c>…/graph/lifecycle</c>: the validation handshake (the token echoed as
/// text/plain), else each notification checked against its subscription and clientState and recorded before the 202.
/// </summary>
public static class GraphNotificationsEndpoint
{
    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/notifications/graph", MapAsync).WithName("GraphNotifications").ExcludeFromDescription();
        app.MapPost("/api/notifications/graph/lifecycle", MapAsync).WithName("GraphLifecycleNotifications").ExcludeFromDescription();
    }

    /// <summary>Handles a delivery (or the handshake).</summary>
    public static async Task<WebhookReply> HandleAsync(HttpRequest request, GraphNotificationHandler handler, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("validationToken"))
        {
            return new WebhookReply(GraphNotificationHandler.ValidationReply(request.Query["validationToken"]) is { } token
                ? Results.Text(token, "text/plain", statusCode: StatusCodes.Status200OK)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The validationToken is empty, too long or not text."));
        }
        var result = await handler.HandleAsync(request.Body, cancellationToken);
        if (result.StatusCode != StatusCodes.Status202Accepted)
        {
            return new WebhookReply(Results.Problem(statusCode: result.StatusCode, title: string.Join("; ", result.Problems.Take(5))));
        }
        // Only what was recorded now asks for a run: a redelivery's push is already answered (or pending, for the poll).
        return new WebhookReply(Results.Accepted(), result.Accepted > 0 ? new InboundNotice(GraphSubscriptionManager.Provider) : null);
    }

    private static async Task<IResult> MapAsync(HttpRequest request, GraphNotificationHandler handler, INoticeSink sink, CancellationToken cancellationToken) =>
        await (await HandleAsync(request, handler, cancellationToken)).HandOnAsync(sink, cancellationToken);
}
