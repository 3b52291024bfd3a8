using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpsHelm.Api.Access;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Functions.Tests.Access;

/// <summary>
/// Caller fencing in the app: a self-made x-ms-client-principal is believed only where the platform vouches for it
/// (App Service Authentication on, which the Static Web App link turns on), never on the public ingest app.
/// </summary>
public sealed class WorkspaceAccessTests
{
    private static readonly ClientPrincipal Forged = new("aad", "mallory", "mallory@example.com", ["authenticated", "workspace:ws-demo"]);

    [Fact]
    public void A_principal_header_sent_straight_to_the_api_app_without_app_service_authentication_is_refused()
    {
        var access = Access(PrincipalSource.LinkedStaticWebApp, new() { ["WEBSITE_SITE_NAME"] = "func-api-x" });

        access.PrincipalOf(RequestWith(Forged)).ShouldBeNull();
    }

    [Fact]
    public void The_api_app_believes_the_header_while_app_service_authentication_is_on()
    {
        var access = Access(PrincipalSource.LinkedStaticWebApp, new() { ["WEBSITE_SITE_NAME"] = "func-api-x", ["WEBSITE_AUTH_ENABLED"] = "True" });

        var principal = access.PrincipalOf(RequestWith(Forged)).ShouldNotBeNull();

        principal.UserId.ShouldBe("mallory");
        access.VisibleTo(principal).ShouldBe(["ws-demo"]);
    }

    [Theory]
    [InlineData("False")]
    [InlineData("")]
    [InlineData("yes")]
    public void Anything_but_true_in_WEBSITE_AUTH_ENABLED_is_authentication_off(string value)
    {
        var access = Access(PrincipalSource.LinkedStaticWebApp, new() { ["WEBSITE_SITE_NAME"] = "func-api-x", ["WEBSITE_AUTH_ENABLED"] = value });

        access.PrincipalOf(RequestWith(Forged)).ShouldBeNull();
    }

    [Fact]
    public void The_ingest_app_believes_no_principal_even_with_authentication_on_or_the_development_principal_enabled()
    {
        var access = Access(PrincipalSource.None, new() { ["WEBSITE_AUTH_ENABLED"] = "true" }, developmentPrincipal: true);

        access.PrincipalOf(RequestWith(Forged)).ShouldBeNull();
        access.PrincipalOf(new DefaultHttpContext()).ShouldBeNull();
    }

    [Fact]
    public void The_default_header_source_on_app_service_still_needs_app_service_authentication()
    {
        var onAppService = new Dictionary<string, string?> { ["WEBSITE_SITE_NAME"] = "func-api-x" };

        Access(PrincipalSource.Header, onAppService).PrincipalOf(RequestWith(Forged)).ShouldBeNull();
        Access(PrincipalSource.Header, new(onAppService) { ["WEBSITE_AUTH_ENABLED"] = "true" }).PrincipalOf(RequestWith(Forged)).ShouldNotBeNull();
    }

    [Fact]
    public void A_local_run_believes_the_header_as_sent()
    {
        Access(PrincipalSource.Header, []).PrincipalOf(RequestWith(Forged)).ShouldNotBeNull();
    }

    [Fact]
    public void The_development_principal_never_stands_in_on_app_service()
    {
        Access(PrincipalSource.Header, [], developmentPrincipal: true).PrincipalOf(new DefaultHttpContext())!.IdentityProvider.ShouldBe("development");
        Access(PrincipalSource.Header, new() { ["WEBSITE_SITE_NAME"] = "func-api-x" }, developmentPrincipal: true)
            .PrincipalOf(new DefaultHttpContext()).ShouldBeNull();
    }

    private static WorkspaceAccess Access(PrincipalSource source, Dictionary<string, string?> environment, bool developmentPrincipal = false)
    {
        var options = new ApiOptions
        {
            PrincipalSource = source,
            DevelopmentPrincipal = new DevelopmentPrincipalOptions { Enabled = developmentPrincipal, Workspaces = ["ws-demo"] },
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        return new WorkspaceAccess(Options.Create(options), WorkspaceRegistry.Load([ServeApp.Fixture("ws-demo.json")]), configuration);
    }

    private static DefaultHttpContext RequestWith(ClientPrincipal principal)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ClientPrincipalReader.HeaderName] = ClientPrincipalReader.Write(principal);
        return context;
    }
}
