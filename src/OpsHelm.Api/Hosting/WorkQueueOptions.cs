using OpsHelm.Core.Work;

namespace OpsHelm.Api.Hosting;

/// <summary>How the standalone host's in-process workers fan out and process work items (section <c>OpsHelm:Queue</c>), validated at start-up.</summary>
public sealed class WorkQueueOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm:Queue";

    /// <summary>Workers inside the process (Store kind); each works on one workspace at a time, in the order messages were read.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Items a worker leases at once.</summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>How often idle workers and the pull coordinator look for work they were not told about.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a worker holds an item.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Leases before an item is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry (doubled per attempt).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A pull without progress for this long is resumed by the supervisor.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After a pull failed, pending pushes wait this long before the next pull (the poll timer and manual ingest still pull).</summary>
    public TimeSpan FailedPullBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Pages one backfill run reads; the next run continues where it stopped, so the queue is never flooded.</summary>
    public int BackfillPagesPerRun { get; set; } = 10;

    /// <summary>The settings Core's work classes use.</summary>
    public WorkQueueSettings ToSettings() => new(LeaseDuration, MaxAttempts, RetryDelay, StallAfter);

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, Workers is >= 1 and <= 64, "Workers must be between 1 and 64");
        Check(problems, BatchSize is >= 1 and <= 500, "BatchSize must be between 1 and 500");
        Check(problems, PollInterval >= TimeSpan.FromMilliseconds(50) && PollInterval <= TimeSpan.FromMinutes(5), "PollInterval must be between 00:00:00.05 and 00:05:00");
        Check(problems, LeaseDuration >= TimeSpan.FromSeconds(5) && LeaseDuration <= TimeSpan.FromHours(1), "LeaseDuration must be between 00:00:05 and 01:00:00");
        Check(problems, MaxAttempts is >= 1 and <= 100, "MaxAttempts must be between 1 and 100");
        Check(problems, RetryDelay >= TimeSpan.Zero && RetryDelay <= TimeSpan.FromMinutes(10), "RetryDelay must be between 00:00:00 and 00:10:00");
        Check(problems, StallAfter >= TimeSpan.FromSeconds(1) && StallAfter <= TimeSpan.FromHours(6), "StallAfter must be between 00:00:01 and 06:00:00");
        Check(problems, FailedPullBackoff >= TimeSpan.Zero && FailedPullBackoff <= TimeSpan.FromHours(6), "FailedPullBackoff must be between 00:00:00 and 06:00:00");
        Check(problems, BackfillPagesPerRun is >= 1 and <= 10_000, "BackfillPagesPerRun must be between 1 and 10000");
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add($"{Section}:{problem}");
        }
    }
}
