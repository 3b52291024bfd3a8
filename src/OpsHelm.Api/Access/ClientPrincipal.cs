namespace OpsHelm.Api.Access;

/// <summary>The caller as Azure Static Web Apps describes it in <c>x-ms-client-principal</c>.</summary>
/// <param name="IdentityProvider">aad, github, … or "development".</param>
/// <param name="UserId">Stable user id.</param>
/// <param name="UserDetails">User name or e-mail.</param>
/// <param name="Roles">Roles, including the workspace roles.</param>
public sealed record ClientPrincipal(string IdentityProvider, string UserId, string UserDetails, IReadOnlyList<string> Roles);
