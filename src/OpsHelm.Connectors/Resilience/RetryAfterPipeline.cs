using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace OpsHelm.Connectors.Resilience;

/// <summary>
/// The retry pipeline for provider HTTP calls (Microsoft.Extensions.Http.Resilience's HTTP retry options, run by its
/// <see cref="ResilienceHandler"/>): 429, 503 and 504 (and connection failures) are retried up to a cap, waiting what the
/// provider's Retry-After asks, else a bounded exponential backoff with jitter. Retry-After is read here rather than by the
/// library's own parser because an HTTP-date value must be measured against the injected clock, not the system's.
/// </summary>
public static class RetryAfterPipeline
{
    /// <summary>Builds the pipeline; <paramref name="onRetry"/> hears of each retry (status and delay), e.g. for logs or tests.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(HttpRetryOptions options, TimeProvider time, Action<int?, TimeSpan>? onRetry = null) =>
        Create(options, time, static (response, _) => ValueTask.FromResult(IsTransient(response.StatusCode)), onRetry);

    /// <summary>
    /// Builds the pipeline with a provider's own idea of a transient response (<paramref name="isTransient"/>, e.g. Google's 403
    /// rate-limit reasons); a Retry-After beyond <see cref="HttpRetryOptions.MaxRetryAfter"/> is never waited for.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(HttpRetryOptions options, TimeProvider time,
        Func<HttpResponseMessage, CancellationToken, ValueTask<bool>> isTransient, Action<int?, TimeSpan>? onRetry = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("retry options are invalid: " + string.Join("; ", problems), nameof(options));
        }
        if (options.MaxRetryAttempts == 0)
        {
            // Polly's retry needs at least one attempt; no retries is no strategy.
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }
        var retry = new HttpRetryStrategyOptions
        {
            ShouldRetryAfterHeader = false,
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ShouldRetryAsync(args.Outcome, options, time, isTransient, args.Context.CancellationToken),
            // Null falls back to the exponential backoff above.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
            OnRetry = args =>
            {
                onRetry?.Invoke(args.Outcome.Result is { } r ? (int)r.StatusCode : null, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(retry).Build();
    }

    /// <summary>True for the statuses a retry can help with.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The wait the response's Retry-After header asks for (seconds or an HTTP date), or null when it has none.</summary>
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

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, HttpRetryOptions options, TimeProvider time,
        Func<HttpResponseMessage, CancellationToken, ValueTask<bool>> isTransient, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            // Network failures and client timeouts; a cancellation the caller asked for is not retried.
            return outcome.Exception is HttpRequestException
                || (outcome.Exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
        }
        if (outcome.Result is not { } response)
        {
            return false;
        }
        // A provider asking for a longer pause than we are willing to hold a run open gets it: the call fails, the checkpoint stays.
        if (RetryAfter(response, time) is { } wait && wait > options.MaxRetryAfter)
        {
            return false;
        }
        return await isTransient(response, cancellationToken);
    }
}
