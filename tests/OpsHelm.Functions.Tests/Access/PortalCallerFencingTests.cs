using System.Net;

namespace OpsHelm.Functions.Tests.Access;

/// <summary>The whole app with each Azure role's OpsHelm:PrincipalSource (infra/app/functionapp.bicep), called with a self-made principal header.</summary>
public sealed class PortalCallerFencingTests
{
    [Theory]
    [InlineData("LinkedStaticWebApp")]
    [InlineData("None")]
    public async Task A_portal_request_with_a_self_made_principal_is_refused_when_the_platform_did_not_vouch_for_it(string source)
    {
        await using var app = new FunctionsApp(new() { ["OpsHelm:PrincipalSource"] = source, ["WEBSITE_SITE_NAME"] = "func-x" });
        using var client = app.ClientFor("ws-demo");

        using var list = await client.GetAsync("/api/workspaces");
        using var runs = await client.GetAsync("/api/workspaces/ws-demo/runs");

        list.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        runs.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_api_app_serves_the_principal_app_service_authentication_let_through()
    {
        await using var app = new FunctionsApp(new()
        {
            ["OpsHelm:PrincipalSource"] = "LinkedStaticWebApp",
            ["WEBSITE_SITE_NAME"] = "func-api-x",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        using var client = app.ClientFor("ws-demo");

        using var list = await client.GetAsync("/api/workspaces");

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).ShouldContain("ws-demo");
    }
}
