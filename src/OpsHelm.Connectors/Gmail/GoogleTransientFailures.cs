using System.Net;
using System.Text.Json;
using OpsHelm.Connectors.Resilience;
using Polly;

namespace OpsHelm.Connectors.Gmail;

/// <summary>What Google's APIs answer when a retry can help: 429, any 5xx, and 403 with a rate-limit reason.</summary>
internal static class GoogleTransientFailures
{
    private const long MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// The shared retry pipeline with Google's transient answers; a Retry-After beyond <paramref name="maxDelay"/> is not waited for;
    /// <paramref name="onRetry"/> hears of each retry (status and delay).
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> RetryPipeline(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time,
        Action<int?, TimeSpan>? onRetry = null) =>
        RetryAfterPipeline.Create(
            new HttpRetryOptions { MaxRetryAttempts = maxRetries, BaseDelay = baseDelay, MaxDelay = maxDelay, MaxRetryAfter = maxDelay },
            time,
            IsTransientAsync,
            onRetry);

    /// <summary>True for 429, 5xx, and 403 rateLimitExceeded / userRateLimitExceeded.</summary>
    public static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status == 429 || status >= 500)
        {
            return true;
        }
        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            return false;
        }
        var reason = await ErrorReasonAsync(response, cancellationToken);
        return reason is "rateLimitExceeded" or "userRateLimitExceeded";
    }

    /// <summary>The first <c>error.errors[].reason</c> (or <c>error.status</c>) of a Google error body; null when absent or unreadable.</summary>
    public static async Task<string?> ErrorReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Buffered with a bound, so the caller can still read the body afterwards.
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return GoogleError.Parse(bytes).Reason;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            return null;
        }
    }
}
