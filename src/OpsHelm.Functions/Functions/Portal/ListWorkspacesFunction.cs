using OpsHelm.Functions.Access;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET /api/workspaces</c>: the workspaces the principal may see.</summary>
public static class ListWorkspacesFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/workspaces", (HttpContext http, WorkspaceAccess access, WorkspaceRegistry registry) =>
    {
        if (access.PrincipalOf(http) is not { } principal)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in: this route needs a Static Web Apps principal.");
        }
        var visible = access.VisibleTo(principal).Select(id => registry.Find(id)!).Select(w => new
        {
            id = w.Id,
            name = w.Name,
            timeZone = w.TimeZone,
            mailboxes = w.Mailboxes.Select(m => new { m.Id, m.Provider, m.Address }),
        });
        return Results.Ok(new { user = principal.UserDetails, workspaces = visible });
    }).WithName("ListWorkspaces");
}
