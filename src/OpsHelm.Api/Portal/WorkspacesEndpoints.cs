using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Api.Access;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Portal;

/// <summary>The signed-in user and the workspaces they may see.</summary>
/// <param name="User">The principal's user details (name or e-mail).</param>
/// <param name="Workspaces">The workspaces.</param>
public sealed record WorkspaceList(string User, IReadOnlyList<WorkspaceSummary> Workspaces);

/// <summary>One workspace as the portal's picker shows it.</summary>
/// <param name="Id">Workspace id.</param>
/// <param name="Name">Display name.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="Mailboxes">Its mailboxes.</param>
public sealed record WorkspaceSummary(string Id, string Name, string TimeZone, IReadOnlyList<MailboxSummary> Mailboxes);

/// <summary>One mailbox of a workspace.</summary>
/// <param name="Id">Mailbox id.</param>
/// <param name="Provider">Graph or Gmail.</param>
/// <param name="Address">Its address.</param>
public sealed record MailboxSummary(string Id, string Provider, string Address);

/// <summary><c>GET /api/workspaces</c>: the workspaces the principal may see.</summary>
public static class WorkspacesEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/workspaces", ListWorkspaces)
        .WithName("ListWorkspaces")
        .WithSummary("The signed-in user and the workspaces they may see.")
        .WithTags(PortalRoutes.Tag)
        .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>The principal's workspaces, or 401.</summary>
    public static Results<Ok<WorkspaceList>, ProblemHttpResult> ListWorkspaces(HttpContext http, WorkspaceAccess access, WorkspaceRegistry registry)
    {
        if (access.PrincipalOf(http) is not { } principal)
        {
            return PortalRoutes.Unauthorized();
        }
        var visible = access.VisibleTo(principal).Select(id => registry.Find(id)!).Select(w => new WorkspaceSummary(
            w.Id, w.Name, w.TimeZone, w.Mailboxes.Select(m => new MailboxSummary(m.Id, m.Provider, m.Address)).ToList())).ToList();
        return TypedResults.Ok(new WorkspaceList(principal.UserDetails, visible));
    }
}
