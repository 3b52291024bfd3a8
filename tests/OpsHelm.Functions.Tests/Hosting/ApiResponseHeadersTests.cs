using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Functions.Functions.Webhooks;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Tests.Hosting;

/// <summary>The probe's headers finding: every API answer is no-store and nosniff, webhook echoes included, in both hosts.</summary>
public sealed class ApiResponseHeadersTests
{
    private const string VerifyToken = "verify-me";

    public static TheoryData<string, string?> ServeRoutes => new()
    {
        { "/api/workspaces/ws-demo/exceptions", "ws-demo" },
        { "/api/workspaces/ws-demo/messages?q=INC", "ws-demo" },
        { "/api/workspaces/ws-demo/runs", null },
        { "/api/health", null },
        { "/api/openapi/v1.json", null },
        { $"/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444", null },
    };

    [Theory]
    [MemberData(nameof(ServeRoutes))]
    public async Task Every_answer_of_opshelm_serve_under_api_is_no_store_and_nosniff(string path, string? workspace)
    {
        using var app = new ServeApp(new() { ["WhatsApp:AppSecret"] = "test-app-secret", ["WhatsApp:VerifyToken"] = VerifyToken, ["WhatsApp:AccessToken"] = "test-access-token" });
        using var client = workspace is null ? app.CreateClient() : app.ClientFor(workspace);

        var response = await client.GetAsync(path);

        response.Headers.CacheControl!.NoStore.ShouldBeTrue(path);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], path);
    }

    [Fact]
    public async Task Graphs_validation_echo_from_opshelm_serve_is_no_store_and_nosniff()
    {
        using var app = new ServeApp();

        var response = await app.CreateClient().PostAsync("/api/notifications/graph?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E", null);

        (await response.Content.ReadAsStringAsync()).ShouldBe("<script>alert(1)</script>");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task The_worker_middleware_gives_a_function_answer_the_same_headers()
    {
        using var app = new FunctionsApp();
        var request = app.Request("POST", "/api/notifications/graph?validationToken=Validation%3A%20Testing");
        var response = new StartingResponseFeature();
        request.HttpContext.Features.Set<IHttpResponseFeature>(response);
        var context = new HttpFunctionContext(request.HttpContext);

        await new ApiResponseHeadersMiddleware().Invoke(context, async _ =>
        {
            var output = await app.Function<GraphNotificationsFunction>().RunAsync(request, CancellationToken.None);
            await FunctionsApp.ExecuteAsync(output.Response, request);
        });
        await response.StartAsync();

        request.HttpContext.Response.Headers.CacheControl.ToString().ShouldBe("no-store");
        request.HttpContext.Response.Headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
    }

    [Fact]
    public async Task A_route_that_sets_its_own_cache_control_keeps_it()
    {
        using var app = new FunctionsApp();
        var request = app.Request("GET", "/api/x");
        var response = new StartingResponseFeature();
        request.HttpContext.Features.Set<IHttpResponseFeature>(response);

        await new ApiResponseHeadersMiddleware().Invoke(new HttpFunctionContext(request.HttpContext), _ =>
        {
            request.HttpContext.Response.Headers.CacheControl = "private, no-store";
            return Task.CompletedTask;
        });
        await response.StartAsync();

        request.HttpContext.Response.Headers.CacheControl.ToString().ShouldBe("private, no-store");
    }

    // The response feature of a server: OnStarting callbacks run when the response starts (DefaultHttpContext's never do).
    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            // Last registered runs first, as in Kestrel.
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }
        }
    }

    // The worker's invocation context as the ASP.NET Core integration leaves it: the HttpContext under its item key.
    private sealed class HttpFunctionContext(HttpContext http) : FunctionContext
    {
        public override string InvocationId => "invocation-1";
        public override string FunctionId => "function-1";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = http.RequestServices;
        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
