using Azure.Core;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using OpsHelm.Connectors.Resilience;
using OpsHelm.Connectors.Telemetry;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Builds the <see cref="GraphServiceClient"/> with the SDK's own middleware, except that the SDK's RetryHandler is
/// replaced in the same place by Microsoft.Extensions.Http.Resilience's handler over our Polly retry pipeline, so a throttled
/// call is retried by one policy and not by two.
/// </summary>
public static class GraphClientBuilder
{
    /// <summary>The client for <paramref name="options"/> and <paramref name="credential"/>; <paramref name="transport"/> replaces the platform's HTTP handler (tests).</summary>
    public static GraphServiceClient Create(GraphOptions options, TokenCredential credential, TimeProvider time,
        HttpMessageHandler? transport = null, Action<int?, TimeSpan>? onRetry = null)
    {
        options.EnsureValid();
        var handlers = Microsoft.Graph.GraphClientFactory.CreateDefaultHandlers();
        var resilience = new ResilienceHandler(RetryAfterPipeline.Create(options.Retry, time, onRetry));
        var retryIndex = handlers.ToList().FindIndex(h => h is RetryHandler);
        if (retryIndex >= 0)
        {
            handlers[retryIndex] = resilience;
        }
        else
        {
            handlers.Insert(0, resilience);
        }
        // Innermost, so each attempt is measured on its own (a retried 429 shows as such).
        handlers.Add(new ProviderCallHandler("Graph"));
        var http = Microsoft.Graph.GraphClientFactory.Create(handlers, finalHandler: transport);
        var baseUri = new Uri(options.BaseUrl.TrimEnd('/'));
        // Tokens go only to the configured Graph host.
        var authentication = new AzureIdentityAuthenticationProvider(credential, [baseUri.Host], null, true, options.Scope);
        return new GraphServiceClient(http, authentication, baseUri.ToString().TrimEnd('/'));
    }
}
