using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Functions.Access;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary>
/// The portal API: every route under <c>/api/workspaces/{workspaceId}</c> needs a principal (401) that may see the workspace
/// (404 otherwise). Both answers are declared once on the group, so the OpenAPI document shows them on every route.
/// </summary>
public static class PortalRoutes
{
    /// <summary>The OpenAPI tag of every portal route.</summary>
    public const string Tag = "Portal";

    /// <summary>Maps the portal functions.</summary>
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        ListWorkspacesFunction.Map(app);
        var workspace = app.MapGroup("/api/workspaces/{workspaceId}")
            .AddEndpointFilter(RequireWorkspace)
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        ListRunsFunction.Map(workspace);
        ListExceptionsFunction.Map(workspace);
        ListTicketsFunction.Map(workspace);
        ListTasksFunction.Map(workspace);
        ListCommitmentsFunction.Map(workspace);
        ListSourcesFunction.Map(workspace);
        ListMeetingsFunction.Map(workspace);
        ListConversationsFunction.Map(workspace);
        DownloadAttachmentFunction.Map(workspace);
        TriageExceptionFunction.Map(workspace);
        IngestFunction.Map(workspace);
        return app;
    }

    /// <summary>The 404 a route answers for something the workspace does not have (the same shape as the group's).</summary>
    public static ProblemHttpResult NotFound(string title) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    // Another workspace's data answers 404, exactly like a workspace that does not exist: nothing tells B's id apart.
    private static async ValueTask<object?> RequireWorkspace(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<WorkspaceAccess>();
        if (access.PrincipalOf(http) is not { } principal)
        {
            return Unauthorized();
        }
        var workspaceId = http.GetRouteValue("workspaceId") as string ?? "";
        if (!access.CanSee(principal, workspaceId))
        {
            return NotFound("No such workspace.");
        }
        return await next(context);
    }

    /// <summary>The 401 of a request without a principal.</summary>
    internal static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in: this route needs a Static Web Apps principal.");
}
