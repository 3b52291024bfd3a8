using OpsHelm.Connectors.Graph;
using OpsHelm.Functions.Work;

namespace OpsHelm.Functions.Functions.Webhooks;

/// <summary>
/// <c>POST /api/notifications/graph</c> and <c>…/graph/lifecycle</c>: the validation handshake (the token echoed as
/// text/plain), else each notification checked against its subscription and clientState and recorded before the 202.
/// </summary>
public static class GraphNotificationsFunction
{
    /// <summary>Maps the functions.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/notifications/graph", HandleAsync).WithName("GraphNotifications").ExcludeFromDescription();
        app.MapPost("/api/notifications/graph/lifecycle", HandleAsync).WithName("GraphLifecycleNotifications").ExcludeFromDescription();
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, GraphNotificationHandler handler, IWorkNotifier notifier, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("validationToken"))
        {
            return GraphNotificationHandler.ValidationReply(request.Query["validationToken"]) is { } token
                ? Results.Text(token, "text/plain", statusCode: StatusCodes.Status200OK)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The validationToken is empty, too long or not text.");
        }
        var result = await handler.HandleAsync(request.Body, cancellationToken);
        if (result.StatusCode == StatusCodes.Status202Accepted)
        {
            await notifier.PullRequestedAsync(cancellationToken);
        }
        return result.StatusCode == StatusCodes.Status202Accepted
            ? Results.Accepted()
            : Results.Problem(statusCode: result.StatusCode, title: string.Join("; ", result.Problems.Take(5)));
    }
}
