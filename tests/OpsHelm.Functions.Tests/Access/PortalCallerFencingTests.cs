using OpsHelm.Functions.Functions.Portal;

namespace OpsHelm.Functions.Tests.Access;

/// <summary>
/// The Functions app with each Azure role's OpsHelm:PrincipalSource (infra/app/functionapp.bicep), its portal functions
/// called with a self-made principal header.
/// </summary>
public sealed class PortalCallerFencingTests
{
    [Theory]
    [InlineData("LinkedStaticWebApp")]
    [InlineData("None")]
    public async Task A_portal_request_with_a_self_made_principal_is_refused_when_the_platform_did_not_vouch_for_it(string source)
    {
        using var app = new FunctionsApp(new() { ["OpsHelm:PrincipalSource"] = source, ["WEBSITE_SITE_NAME"] = "func-x" });
        var list = app.Request("GET", "/api/workspaces", workspaces: "ws-demo");
        var runs = app.Request("GET", "/api/workspaces/ws-demo/runs", workspaces: "ws-demo");

        var listed = await FunctionsApp.ExecuteAsync(app.Function<ListWorkspacesFunction>().Run(list), list);
        var ran = await FunctionsApp.ExecuteAsync(await app.Function<ListRunsFunction>().RunAsync(runs, "ws-demo", CancellationToken.None), runs);

        listed.Status.ShouldBe(401);
        ran.Status.ShouldBe(401);
    }

    [Fact]
    public async Task The_api_app_serves_the_principal_app_service_authentication_let_through()
    {
        using var app = new FunctionsApp(new()
        {
            ["OpsHelm:PrincipalSource"] = "LinkedStaticWebApp",
            ["WEBSITE_SITE_NAME"] = "func-api-x",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        var list = app.Request("GET", "/api/workspaces", workspaces: "ws-demo");

        var (status, body, _) = await FunctionsApp.ExecuteAsync(app.Function<ListWorkspacesFunction>().Run(list), list);

        status.ShouldBe(200);
        body.ShouldContain("ws-demo");
    }
}
