using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Api.Access;

namespace OpsHelm.Api.Portal;

/// <summary>
/// The portal API: every route under <c>/api/workspaces/{workspaceId}</c> needs a principal (401) that may see the workspace
/// (404 otherwise). Both answers are declared once on the group, so the OpenAPI document shows them on every route.
/// </summary>
public static class PortalRoutes
{
    /// <summary>The OpenAPI tag of every portal route.</summary>
    public const string Tag = "Portal";

    /// <summary>Maps the portal routes.</summary>
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        WorkspacesEndpoints.Map(app);
        var workspace = app.MapGroup("/api/workspaces/{workspaceId}")
            .AddEndpointFilter(RequireWorkspace)
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        RunsEndpoints.Map(workspace);
        ExceptionsEndpoints.Map(workspace);
        TicketsEndpoints.Map(workspace);
        TasksEndpoints.Map(workspace);
        CommitmentsEndpoints.Map(workspace);
        SourcesEndpoints.Map(workspace);
        MeetingsEndpoints.Map(workspace);
        ConversationsEndpoints.Map(workspace);
        AttachmentsEndpoints.Map(workspace);
        MessagesEndpoints.Map(workspace);
        TriageEndpoints.Map(workspace);
        IngestEndpoints.Map(workspace);
        return app;
    }

    /// <summary>The 404 a route answers for something the workspace does not have (the same shape as the group's).</summary>
    public static ProblemHttpResult NotFound(string title) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    // Another workspace's data answers 404, exactly like a workspace that does not exist: nothing tells B's id apart.
    private static async ValueTask<object?> RequireWorkspace(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return Refusal(http, http.GetRouteValue("workspaceId") as string ?? "") ?? await next(context);
    }

    /// <summary>
    /// The 401 of a request without a principal, or the 404 of a workspace the principal may not see; null when the request
    /// may go on. Every workspace route of both hosts passes through it.
    /// </summary>
    public static IResult? Refusal(HttpContext http, string workspaceId) =>
        Refusal(http, http.RequestServices.GetRequiredService<WorkspaceAccess>(), workspaceId);

    /// <summary>As <see cref="Refusal(HttpContext, string)"/>, with the access rules given.</summary>
    public static IResult? Refusal(HttpContext http, WorkspaceAccess access, string workspaceId)
    {
        if (access.PrincipalOf(http) is not { } principal)
        {
            return Unauthorized();
        }
        return access.CanSee(principal, workspaceId) ? null : NotFound("No such workspace.");
    }

    /// <summary>The 401 of a request without a principal.</summary>
    internal static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in: this route needs a Static Web Apps principal.");
}
