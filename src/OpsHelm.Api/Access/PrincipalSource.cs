namespace OpsHelm.Api.Access;

/// <summary>Where a portal request's principal may come from (<c>OpsHelm:PrincipalSource</c>); README "Deploy to Azure" says which app uses which.</summary>
public enum PrincipalSource
{
    /// <summary>The <c>x-ms-client-principal</c> header as sent: local runs and <c>opshelm serve</c>. On App Service it counts as <see cref="LinkedStaticWebApp"/>.</summary>
    Header,

    /// <summary>The header only while App Service Authentication is on (the Static Web App link turns it on, and the platform then drops client-sent copies).</summary>
    LinkedStaticWebApp,

    /// <summary>No principal at all: the public ingest app, which serves no portal route.</summary>
    None,
}
