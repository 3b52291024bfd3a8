using OpsHelm.Functions.Access;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary>The portal API: every route under <c>/api/workspaces/{workspaceId}</c> needs a principal (401) that may see the workspace (404 otherwise).</summary>
public static class PortalRoutes
{
    /// <summary>Maps the portal functions.</summary>
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        ListWorkspacesFunction.Map(app);
        var workspace = app.MapGroup("/api/workspaces/{workspaceId}").AddEndpointFilter(RequireWorkspace);
        ListRunsFunction.Map(workspace);
        ListExceptionsFunction.Map(workspace);
        ListTicketsFunction.Map(workspace);
        ListTasksFunction.Map(workspace);
        ListCommitmentsFunction.Map(workspace);
        ListSourcesFunction.Map(workspace);
        TriageExceptionFunction.Map(workspace);
        IngestFunction.Map(workspace);
        return app;
    }

    // Another workspace's data answers 404, exactly like a workspace that does not exist: nothing tells B's id apart.
    private static async ValueTask<object?> RequireWorkspace(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<WorkspaceAccess>();
        if (access.PrincipalOf(http) is not { } principal)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in: this route needs a Static Web Apps principal.");
        }
        var workspaceId = http.GetRouteValue("workspaceId") as string ?? "";
        if (!access.CanSee(principal, workspaceId))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace.");
        }
        return await next(context);
    }
}
