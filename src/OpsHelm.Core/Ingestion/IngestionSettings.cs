namespace OpsHelm.Core.Ingestion;

/// <summary>How a run reads pages and retries messages; the same for the Durable orchestration and the in-process driver.</summary>
public sealed record IngestionSettings
{
    /// <summary>Defaults: pages of at least 100 messages, 10 pages per backfill run, 5 attempts from 5 s doubling, 8 messages at once in-process.</summary>
    public static IngestionSettings Default { get; } = new();

    /// <summary>
    /// A pulled page holds source batches until it has at least this many items (or the source is read to its end); its
    /// checkpoints move together once every one of its items is recorded.
    /// </summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Pages one backfill run reads; the next run continues where it stopped.</summary>
    public int BackfillPagesPerRun { get; init; } = 10;

    /// <summary>Attempts at one message before it is recorded as ProcessingFailed.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the first retry; doubled per attempt.</summary>
    public TimeSpan FirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two attempts.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages of one wave the in-process driver processes at once.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>The wait before the attempt after <paramref name="failedAttempts"/> failed ones (the Durable retry policy's backoff).</summary>
    public TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryInterval.Ticks, FirstRetryInterval.Ticks * (1L << Math.Clamp(failedAttempts - 1, 0, 20))));
}
