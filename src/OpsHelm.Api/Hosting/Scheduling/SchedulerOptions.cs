namespace OpsHelm.Api.Hosting.Scheduling;

/// <summary>How <c>opshelm serve</c> runs the scheduled jobs (section <c>OpsHelm:Scheduler</c>); the Functions host uses its timers instead.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm:Scheduler";

    /// <summary>Whether the jobs run at all (tests that drive jobs themselves turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Interval of <c>Poll</c>, the fallback pull (the timer function's is every 5 minutes).</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interval of <c>Sweep</c>.</summary>
    public TimeSpan Sweep { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Interval of <c>RenewGraphSubscriptions</c>.</summary>
    public TimeSpan RenewGraphSubscriptions { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Interval of <c>RenewGmailWatches</c>.</summary>
    public TimeSpan RenewGmailWatches { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The interval of the job named <paramref name="job"/>.</summary>
    public TimeSpan IntervalOf(string job) => job switch
    {
        "Poll" => Poll,
        "Sweep" => Sweep,
        "RenewGraphSubscriptions" => RenewGraphSubscriptions,
        "RenewGmailWatches" => RenewGmailWatches,
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "no interval is configured for this job"),
    };

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { ("Poll", Poll), ("Sweep", Sweep), ("RenewGraphSubscriptions", RenewGraphSubscriptions), ("RenewGmailWatches", RenewGmailWatches) })
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(7))
            {
                problems.Add($"{Section}:{name} must be between 00:00:01 and 7.00:00:00 (was {value})");
            }
        }
        return problems;
    }
}
