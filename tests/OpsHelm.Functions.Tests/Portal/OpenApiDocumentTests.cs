using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OpsHelm.Functions.Tests.Portal;

public sealed class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.DocumentFixture>
{
    private const string Workspace = "/api/workspaces/{workspaceId}";

    private readonly DocumentFixture _fixture;

    public OpenApiDocumentTests(DocumentFixture fixture) => _fixture = fixture;

    private JsonElement Paths => _fixture.Document.GetProperty("paths");

    public static TheoryData<string, string, string> PortalOperations => new()
    {
        { Workspace + "/runs", "get", "200" },
        { Workspace + "/runs/{runId}", "get", "200" },
        { Workspace + "/exceptions", "get", "200" },
        { Workspace + "/tickets", "get", "200" },
        { Workspace + "/tickets/{ticketId}", "get", "200" },
        { Workspace + "/tasks", "get", "200" },
        { Workspace + "/commitments", "get", "200" },
        { Workspace + "/sources", "get", "200" },
        { Workspace + "/meetings", "get", "200" },
        { Workspace + "/meetings/{eventKey}/dismiss", "post", "204" },
        { Workspace + "/conversations", "get", "200" },
        { Workspace + "/attachments/{attachmentId}", "get", "200" },
        { Workspace + "/messages", "get", "200" },
        { Workspace + "/messages/{eventKey}", "get", "200" },
    };

    [Theory]
    [MemberData(nameof(PortalOperations))]
    public void Each_workspace_route_is_described_with_its_success_401_and_404(string path, string method, string success)
    {
        Paths.TryGetProperty(path, out var item).ShouldBeTrue($"{path} is not in the document");
        item.TryGetProperty(method, out var operation).ShouldBeTrue($"{method.ToUpperInvariant()} {path} is not in the document");

        var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        responses.ShouldContain(success);
        responses.ShouldContain("401");
        responses.ShouldContain("404");
        operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Portal"]);
        operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        operation.GetProperty("operationId").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_workspace_list_is_described_with_200_and_401()
    {
        var operation = Paths.GetProperty("/api/workspaces").GetProperty("get");

        operation.GetProperty("operationId").GetString().ShouldBe("ListWorkspaces");
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "401"], ignoreOrder: true);
    }

    [Fact]
    public void A_download_is_described_as_bytes_or_a_redirect_and_a_list_by_its_item_schema()
    {
        var download = Paths.GetProperty(Workspace + "/attachments/{attachmentId}").GetProperty("get").GetProperty("responses");
        download.TryGetProperty("302", out _).ShouldBeTrue();
        var bytes = Resolve(download.GetProperty("200").GetProperty("content").GetProperty("application/octet-stream").GetProperty("schema"));
        bytes.GetProperty("format").GetString().ShouldBe("binary");

        var meetings = Paths.GetProperty(Workspace + "/meetings").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        meetings.GetProperty("items").GetProperty("$ref").GetString().ShouldEndWith("/MeetingItem");
        var item = _fixture.Document.GetProperty("components").GetProperty("schemas").GetProperty("MeetingItem").GetProperty("properties");
        item.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["eventKey", "subject", "from", "sentAt", "mailbox", "ticketId", "excerpt", "dismissed", "dismissedAt"], ignoreOrder: true);
    }

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? _fixture.Document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    [Fact]
    public void Every_route_the_app_serves_under_workspaces_is_in_the_document()
    {
        var served = _fixture.Routes.Where(r => r.Path.StartsWith("/api/workspaces", StringComparison.Ordinal)).ToList();

        served.ShouldNotBeEmpty();
        foreach (var (path, method) in served)
        {
            (Paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _)).ShouldBeTrue($"{method.ToUpperInvariant()} {path} is missing");
        }
    }

    [Fact]
    public void Webhooks_and_invocation_routes_are_left_out()
    {
        var documented = Paths.EnumerateObject().Select(p => p.Name).ToList();

        documented.ShouldNotContain(p => p.StartsWith("/api/notifications", StringComparison.Ordinal) || p.StartsWith("/api/webhooks", StringComparison.Ordinal));
        documented.ShouldAllBe(p => p.StartsWith("/api/", StringComparison.Ordinal));
        _fixture.Routes.ShouldContain(r => r.Path == "/api/webhooks/whatsapp");
    }

    [Fact]
    public async Task The_document_is_served_without_a_principal()
    {
        var response = await _fixture.App.CreateClient().GetAsync("/api/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }

    [Fact]
    public async Task The_document_names_no_server_taken_from_the_requests_Host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi/v1.json");
        request.Headers.Host = "attacker.example";

        var response = await _fixture.App.CreateClient().SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("attacker.example");
        var document = JsonDocument.Parse(text).RootElement;
        (!document.TryGetProperty("servers", out var servers) || servers.GetArrayLength() == 0).ShouldBeTrue();
    }

    [Fact]
    public void An_exception_item_is_described_with_its_message()
    {
        var item = _fixture.Document.GetProperty("components").GetProperty("schemas").GetProperty("ExceptionItem").GetProperty("properties");

        item.EnumerateObject().Select(p => p.Name).ShouldContain("message");
        item.EnumerateObject().Select(p => p.Name).ShouldContain("source");
        item.EnumerateObject().Select(p => p.Name).ShouldContain("suggestions");
    }

    /// <summary>The app and its document, fetched once.</summary>
    public sealed class DocumentFixture : IAsyncLifetime
    {
        public ServeApp App { get; } = new();

        public JsonElement Document { get; private set; }

        public List<(string Path, string Method)> Routes { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Document = await ResponseJson.ReadAsync(await App.CreateClient().GetAsync("/api/openapi/v1.json"));
            Routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m.ToLowerInvariant())))
                .ToList();
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
