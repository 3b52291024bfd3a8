using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Access;

/// <summary>Which workspaces the caller of a portal request may see: its principal's workspace roles, intersected with the configured workspaces.</summary>
public sealed class WorkspaceAccess(IOptions<ApiOptions> options, WorkspaceRegistry registry)
{
    /// <summary>The caller's principal: the Static Web Apps header, else the development principal when enabled, else null.</summary>
    public ClientPrincipal? PrincipalOf(HttpContext context)
    {
        var principal = ClientPrincipalReader.Read(context.Request.Headers[ClientPrincipalReader.HeaderName]);
        if (principal is not null)
        {
            return principal;
        }
        var development = options.Value.DevelopmentPrincipal;
        return development.Enabled
            ? new ClientPrincipal("development", "development", development.UserDetails,
                ["authenticated", .. development.Workspaces.Select(w => options.Value.WorkspaceRolePrefix + w)])
            : null;
    }

    /// <summary>The configured workspaces <paramref name="principal"/> holds a role for.</summary>
    public IReadOnlyList<string> VisibleTo(ClientPrincipal principal)
    {
        var prefix = options.Value.WorkspaceRolePrefix;
        return principal.Roles
            .Where(r => r.StartsWith(prefix, StringComparison.Ordinal))
            .Select(r => r[prefix.Length..])
            .Where(registry.Contains)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when <paramref name="principal"/> may see <paramref name="workspaceId"/>.</summary>
    public bool CanSee(ClientPrincipal principal, string workspaceId) => VisibleTo(principal).Contains(workspaceId, StringComparer.Ordinal);
}
