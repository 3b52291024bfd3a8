using System.Net;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class DevelopmentPrincipalTests
{
    [Fact]
    public async Task The_development_principal_is_used_only_when_enabled()
    {
        using var off = new ServeApp();
        using var on = new ServeApp(new() { ["OpsHelm:DevelopmentPrincipal:Enabled"] = "true", ["OpsHelm:DevelopmentPrincipal:Workspaces:0"] = "ws-demo" });

        (await off.CreateClient().GetAsync("/api/workspaces/ws-demo/runs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await on.CreateClient().GetAsync("/api/workspaces/ws-demo/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await on.CreateClient().GetAsync("/api/workspaces/ws-other/runs")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Enabling_the_development_principal_without_workspaces_fails_at_start_naming_the_setting()
    {
        using var app = new ServeApp(new() { ["OpsHelm:DevelopmentPrincipal:Enabled"] = "true" });

        var error = Should.Throw<Exception>(() => app.CreateClient());

        error.ToString().ShouldContain("OpsHelm:DevelopmentPrincipal:Workspaces");
    }
}
