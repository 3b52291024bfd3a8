using System.Net;
using OpsHelm.Api.Hosting;

namespace OpsHelm.Functions.Tests.Hosting;

public sealed class PortalHostingTests : IDisposable
{
    private readonly string _portal = Path.Combine(Path.GetTempPath(), "opshelm-portal-hosting", Guid.NewGuid().ToString("n"));

    public PortalHostingTests()
    {
        Directory.CreateDirectory(_portal);
        File.WriteAllText(Path.Combine(_portal, "index.html"), "<!doctype html><title>portal</title>");
        File.WriteAllText(Path.Combine(_portal, "app.js"), "console.log('portal');");
    }

    [Fact]
    public async Task The_built_portal_is_served_at_the_root_with_its_content_security_policy()
    {
        using var app = new ServeApp(new() { ["OpsHelm:Portal:Directory"] = _portal });
        var client = app.CreateClient();

        var index = await client.GetAsync("/");
        var script = await client.GetAsync("/app.js");

        index.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await index.Content.ReadAsStringAsync()).ShouldContain("<title>portal</title>");
        index.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldBe(PortalHosting.ContentSecurityPolicy);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        script.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
        PortalHosting.ContentSecurityPolicy.ShouldNotContain("unsafe-inline");
    }

    [Fact]
    public async Task Serving_the_portal_leaves_the_api_routes_alone()
    {
        Directory.CreateDirectory(Path.Combine(_portal, "api"));
        File.WriteAllText(Path.Combine(_portal, "api", "health"), "a file named like a route");
        using var app = new ServeApp(new() { ["OpsHelm:Portal:Directory"] = _portal });
        var client = app.CreateClient();

        var health = await client.GetAsync("/api/health");
        var workspaces = await client.GetAsync("/api/workspaces");

        (await health.Content.ReadAsStringAsync()).ShouldNotContain("a file named like a route");
        health.Headers.Contains("Content-Security-Policy").ShouldBeFalse();
        workspaces.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Portal_set_to_off_serves_no_files()
    {
        using var app = new ServeApp(new() { ["OpsHelm:Portal:Directory"] = "off" });

        var index = await app.CreateClient().GetAsync("/");

        index.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void A_portal_directory_without_index_html_names_the_setting()
    {
        var problems = new PortalOptions { Directory = Path.Combine(_portal, "missing") }.Validate();

        problems.ShouldHaveSingleItem().ShouldStartWith("OpsHelm:Portal:Directory");
        new PortalOptions { Directory = _portal }.Validate().ShouldBeEmpty();
        new PortalOptions().Validate().ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(_portal, recursive: true);
}
