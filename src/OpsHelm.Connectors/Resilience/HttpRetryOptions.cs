namespace OpsHelm.Connectors.Resilience;

/// <summary>How throttled or failing provider calls are retried: Retry-After honoured, otherwise bounded exponential backoff.</summary>
public sealed class HttpRetryOptions
{
    /// <summary>Retries after the first attempt (so at most this + 1 requests per call).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff delay when the provider gives no Retry-After; doubled on each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay when the provider gives no Retry-After.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited for: the call fails and the next run tries again.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>What is wrong with the settings, one line per problem; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxRetryAttempts is < 0 or > 10)
        {
            problems.Add($"{nameof(MaxRetryAttempts)} must be between 0 and 10 (is {MaxRetryAttempts})");
        }
        if (BaseDelay <= TimeSpan.Zero || BaseDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{nameof(BaseDelay)} must be more than 0 and at most 1 minute (is {BaseDelay})");
        }
        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{nameof(MaxDelay)} must be at least {nameof(BaseDelay)} and at most 10 minutes (is {MaxDelay})");
        }
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromMinutes(30))
        {
            problems.Add($"{nameof(MaxRetryAfter)} must be between 0 and 30 minutes (is {MaxRetryAfter})");
        }
        return problems;
    }
}
