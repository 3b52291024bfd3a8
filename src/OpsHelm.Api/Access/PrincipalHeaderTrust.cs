using Microsoft.Extensions.Configuration;

namespace OpsHelm.Api.Access;

/// <summary>
/// Whether this process may believe an <c>x-ms-client-principal</c> header. Anyone can send one; only App Service
/// Authentication removes client-sent copies and sets it itself, and App Service tells the app it is on through the
/// read-only <c>WEBSITE_AUTH_ENABLED</c> variable. So outside a local run the header is believed only when that variable says so.
/// </summary>
public static class PrincipalHeaderTrust
{
    /// <summary>Set by App Service (read-only) to <c>True</c> when App Service Authentication is on.</summary>
    public const string AuthenticationEnabledVariable = "WEBSITE_AUTH_ENABLED";

    /// <summary>Set by App Service (read-only) to the app's name: present means the app runs on App Service.</summary>
    public const string SiteNameVariable = "WEBSITE_SITE_NAME";

    /// <summary>True when a principal header reaching this process under <paramref name="source"/> can be believed.</summary>
    public static bool Believes(PrincipalSource source, IConfiguration environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var onAppService = !string.IsNullOrWhiteSpace(environment[SiteNameVariable]);
        var authenticationOn = string.Equals(environment[AuthenticationEnabledVariable]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return source switch
        {
            PrincipalSource.Header => !onAppService || authenticationOn,
            PrincipalSource.LinkedStaticWebApp => authenticationOn,
            _ => false,
        };
    }

    /// <summary>True when the fixed development principal may stand in for a missing one: never on App Service, whatever the settings say.</summary>
    public static bool AllowsDevelopmentPrincipal(IConfiguration environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrWhiteSpace(environment[SiteNameVariable]);
    }
}
