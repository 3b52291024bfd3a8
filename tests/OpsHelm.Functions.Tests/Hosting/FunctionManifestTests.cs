using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Api.Hosting.CustomHandler;

namespace OpsHelm.Functions.Tests.Hosting;

public sealed class FunctionManifestTests
{
    private static readonly string PublishRoot = AppContext.BaseDirectory;

    [Fact]
    public void Host_json_names_the_app_as_custom_handler_with_http_forwarding_and_the_api_prefix()
    {
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(PublishRoot, "host.json"))).RootElement;

        var handler = host.GetProperty("customHandler");
        handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString().ShouldBe("OpsHelm.Functions");
        handler.GetProperty("enableForwardingHttpRequest").GetBoolean().ShouldBeTrue();
        host.GetProperty("extensionBundle").GetProperty("id").GetString().ShouldBe("Microsoft.Azure.Functions.ExtensionBundle");
        host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString().ShouldBe("api");
    }

    [Fact]
    public void Every_http_function_json_route_is_served_by_the_app()
    {
        using var app = new FunctionsApp();
        var appRoutes = AppRoutes(app);

        foreach (var (name, binding) in Triggers().Where(t => t.Binding.GetProperty("type").GetString() == "httpTrigger"))
        {
            var route = "/api/" + binding.GetProperty("route").GetString()!;
            var prefix = route.Contains("{*", StringComparison.Ordinal) ? route[..route.IndexOf("{*", StringComparison.Ordinal)] : route;
            appRoutes.ShouldContain(r => route.Contains("{*", StringComparison.Ordinal) ? r.StartsWith(prefix, StringComparison.Ordinal) : r == route,
                $"function {name} routes {route}, which the app does not serve");
        }
    }

    [Fact]
    public void Every_invoked_function_has_a_function_json_and_every_other_trigger_an_invoked_function()
    {
        using var app = new FunctionsApp();
        var invoked = app.Services.GetServices<IInvokedFunction>().Select(f => f.Name).ToHashSet();
        var nonHttp = Triggers().Where(t => t.Binding.GetProperty("type").GetString() != "httpTrigger").Select(t => t.Function).ToHashSet();

        invoked.ShouldNotBeEmpty();
        nonHttp.ShouldBe(invoked, ignoreOrder: true);
    }

    [Fact]
    public void Timer_schedules_are_six_field_ncrontab()
    {
        foreach (var (name, binding) in Triggers().Where(t => t.Binding.GetProperty("type").GetString() == "timerTrigger"))
        {
            binding.GetProperty("schedule").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(6, name);
        }
    }

    private static IEnumerable<(string Function, JsonElement Binding)> Triggers()
    {
        var manifests = Directory.GetFiles(PublishRoot, "function.json", SearchOption.AllDirectories)
            .Where(p => Path.GetDirectoryName(Path.GetDirectoryName(p)) == Path.TrimEndingDirectorySeparator(PublishRoot))
            .ToList();
        manifests.ShouldNotBeEmpty();
        foreach (var path in manifests)
        {
            var bindings = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("bindings");
            var trigger = bindings.EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            yield return (Path.GetFileName(Path.GetDirectoryName(path))!, trigger);
        }
    }

    private static List<string> AppRoutes(FunctionsApp app)
    {
        _ = app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();
    }
}
