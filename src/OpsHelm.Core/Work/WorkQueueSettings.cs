namespace OpsHelm.Core.Work;

/// <summary>How work items are leased and retried.</summary>
/// <param name="LeaseDuration">How long a worker holds an item before another may take it.</param>
/// <param name="MaxAttempts">Leases before an item is dead-lettered.</param>
/// <param name="RetryDelay">Wait before the first retry; doubled per attempt.</param>
/// <param name="StallAfter">A pull that made no progress for this long is resumed by the supervisor.</param>
public sealed record WorkQueueSettings(TimeSpan LeaseDuration, int MaxAttempts, TimeSpan RetryDelay, TimeSpan StallAfter)
{
    /// <summary>Defaults: 2-minute leases, 5 attempts, 5 s first retry, pulls stalled after 2 minutes.</summary>
    public static WorkQueueSettings Default { get; } = new(TimeSpan.FromMinutes(2), 5, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2));

    /// <summary>The wait before the retry after <paramref name="attempts"/> failed attempts (capped at 10 minutes).</summary>
    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
}
