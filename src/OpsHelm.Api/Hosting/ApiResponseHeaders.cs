namespace OpsHelm.Api.Hosting;

/// <summary>
/// The headers every API answer carries, in both hosts: <c>Cache-Control: no-store</c> (workspace data and webhook echoes are
/// never kept by a browser or proxy) unless the route set its own, and <c>X-Content-Type-Options: nosniff</c> (a
/// <c>text/plain</c> echo of a provider's challenge is never sniffed into markup).
/// </summary>
public static class ApiResponseHeaders
{
    /// <summary>The path every API route lives under.</summary>
    public const string ApiPath = "/api";

    /// <summary>Sets the headers on <paramref name="http"/>'s response when it starts.</summary>
    public static void Apply(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, http.Response);
    }

    /// <summary>Sets the headers on every answer under <see cref="ApiPath"/> (<c>opshelm serve</c>).</summary>
    public static IApplicationBuilder UseApiResponseHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase))
            {
                Apply(http);
            }
            return next(http);
        });
}
