namespace OpsHelm.Api.Hosting;

/// <summary>
/// The OpenAPI document of the portal API at <c>/api/openapi/v1.json</c> (anonymous: it describes routes, holds no data).
/// Webhooks and the host's invocation routes are left out of it: only providers and the Functions host call them.
/// </summary>
public static class OpenApiDocument
{
    /// <summary>Where the document is served.</summary>
    public const string Route = "/api/openapi/v1.json";

    /// <summary>Adds the document generator.</summary>
    public static IServiceCollection AddPortalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpsHelm portal API";
            document.Info.Description = "Read and triage routes of the OpsHelm portal. Every route needs a Static Web Apps principal (401) that may see the workspace (404).";
            // The generator would name the request's own scheme and Host header as the server: a Host header is the caller's
            // to choose, so the document names none and clients resolve paths against where they fetched it.
            document.Servers = [];
            return Task.CompletedTask;
        }));

    /// <summary>Maps the document (one literal route, so the Functions host can forward exactly it).</summary>
    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Route);
        return app;
    }
}
