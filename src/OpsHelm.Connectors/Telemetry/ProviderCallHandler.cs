using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Connectors.Telemetry;

/// <summary>
/// Measures each HTTP attempt a connector makes to its provider: an <c>opshelm.provider.call</c> span and the
/// <c>opshelm.provider.call.duration</c> histogram, tagged with the provider, method, host and status code (or the
/// exception type). Never the path, query or headers: they carry mailbox addresses, delta tokens and bearer tokens.
/// Placed innermost, below the retries, so a throttled call shows as its 429s and then its 200.
/// </summary>
public sealed class ProviderCallHandler(string provider) : DelegatingHandler
{
    /// <summary>The span of one HTTP attempt.</summary>
    public const string SpanName = "opshelm.provider.call";

    private static readonly Histogram<double> Duration = OpsHelmTelemetry.SecondsHistogram(
        "opshelm.provider.call.duration", "How long one HTTP attempt to a provider took, by provider, method, host and status code.",
        OpsHelmTelemetry.ShortDurationBuckets);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var host = request.RequestUri?.Host ?? "";
        using var activity = OpsHelmTelemetry.Source.StartActivity(SpanName, ActivityKind.Client)?
            .SetTag(TelemetryTags.Provider, provider).SetTag(TelemetryTags.HttpMethod, method).SetTag(TelemetryTags.ServerAddress, host);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, Tag(TelemetryTags.Provider, provider), Tag(TelemetryTags.HttpMethod, method),
                Tag(TelemetryTags.ServerAddress, host), Tag(TelemetryTags.HttpStatusCode, status));
            activity?.SetTag(TelemetryTags.HttpStatusCode, status);
            if (status >= 400)
            {
                activity?.SetStatus(ActivityStatusCode.Error, status.ToString(CultureInfo.InvariantCulture));
            }
            return response;
        }
        catch (Exception ex)
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, Tag(TelemetryTags.Provider, provider), Tag(TelemetryTags.HttpMethod, method),
                Tag(TelemetryTags.ServerAddress, host), Tag(TelemetryTags.ErrorType, ex.GetType().FullName));
            OpsHelmTelemetry.Failed(activity, ex);
            throw;
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
