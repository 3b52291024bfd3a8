using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>
/// Times how long the app takes to acknowledge a provider's webhook (<c>opshelm.webhook.duration</c>, by provider, webhook
/// and status code) and tags the request's span with the provider. The Functions host's own forwarding time is not in it.
/// Only the named webhook endpoints are measured, so the tags stay a closed set whatever a caller sends.
/// </summary>
public sealed class WebhookLatency(RequestDelegate next)
{
    private static readonly FrozenDictionary<string, string> ProviderOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GraphNotifications"] = "Graph",
        ["GraphLifecycleNotifications"] = "Graph",
        ["GmailPush"] = "Gmail",
        ["WhatsAppVerification"] = "WhatsApp",
        ["WhatsAppDelivery"] = "WhatsApp",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Histogram<double> Duration = OpsHelmTelemetry.SecondsHistogram(
        "opshelm.webhook.duration", "How long the app took to acknowledge a provider's webhook, by provider, webhook and status code.",
        OpsHelmTelemetry.ShortDurationBuckets);

    /// <summary>Runs the rest of the pipeline and records the webhook it reached, if any.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch
        {
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            // The endpoint is known once routing ran, inside next.
            if (context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } webhook && ProviderOf.TryGetValue(webhook, out var provider))
            {
                Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new(TelemetryTags.Provider, provider),
                    new(TelemetryTags.Webhook, webhook), new(TelemetryTags.HttpStatusCode, status));
                Activity.Current?.SetTag(TelemetryTags.Provider, provider).SetTag(TelemetryTags.Webhook, webhook);
            }
        }
    }

    /// <summary>Puts <see cref="WebhookLatency"/> in front of the app's pipeline, so Program.cs needs no line for it.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        /// <inheritdoc />
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<WebhookLatency>();
            next(app);
        };
    }
}
