using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// The retry of provider calls: 429, 5xx, network failures and Google's 403 rate-limit reasons are retried with
/// exponential back-off, a Retry-After the provider sends is honoured, and the number of attempts is bounded.
/// </summary>
internal static class HttpRetry
{
    private const long MaxErrorBodyBytes = 64 * 1024;

    /// <summary>A pipeline retrying up to <paramref name="maxRetries"/> times; a Retry-After above <paramref name="maxDelay"/> is not waited for.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time)
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, maxDelay, time, args.Context.CancellationToken),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
            })
            .Build();
    }

    /// <summary>The wait the provider asked for, if any (delta seconds or an HTTP date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider time, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            // Network failures and client timeouts; a cancellation the caller asked for is not retried.
            return outcome.Exception is HttpRequestException
                || (outcome.Exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
        }
        var response = outcome.Result!;
        if (RetryAfter(response, time) is { } wait && wait > maxDelay)
        {
            return false;
        }
        var status = (int)response.StatusCode;
        if (status == 429 || status >= 500)
        {
            return true;
        }
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var reason = await ErrorReasonAsync(response, cancellationToken);
            return reason is "rateLimitExceeded" or "userRateLimitExceeded";
        }
        return false;
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
