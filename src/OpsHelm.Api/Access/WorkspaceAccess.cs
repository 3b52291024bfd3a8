using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Access;

/// <summary>Which workspaces the caller of a portal request may see: its principal's workspace roles, intersected with the configured workspaces.</summary>
public sealed class WorkspaceAccess(IOptions<ApiOptions> options, WorkspaceRegistry registry, IConfiguration configuration)
{
    private readonly bool _believesHeader = PrincipalHeaderTrust.Believes(options.Value.PrincipalSource, configuration);
    private readonly bool _allowsDevelopmentPrincipal = PrincipalHeaderTrust.AllowsDevelopmentPrincipal(configuration);

    /// <summary>
    /// The caller's principal: the Static Web Apps header when <see cref="PrincipalHeaderTrust"/> believes it, else the
    /// development principal when enabled (never on App Service), else null. Under <see cref="PrincipalSource.None"/> always null.
    /// </summary>
    public ClientPrincipal? PrincipalOf(HttpContext context)
    {
        if (options.Value.PrincipalSource == PrincipalSource.None)
        {
            return null;
        }
        if (_believesHeader && ClientPrincipalReader.Read(context.Request.Headers[ClientPrincipalReader.HeaderName]) is { } principal)
        {
            return principal;
        }
        var development = options.Value.DevelopmentPrincipal;
        return development.Enabled && _allowsDevelopmentPrincipal
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
