namespace OpsHelm.Api.Scheduled;

/// <summary>Work run on a schedule: by a timer function under the Functions host, by the scheduler of <c>opshelm serve</c>.</summary>
public interface IScheduledJob
{
    /// <summary>The job's name (its timer function's name).</summary>
    string Name { get; }

    /// <summary>Whether <c>opshelm serve</c> runs it as soon as it starts (subscriptions and watches: pushes need them), not only after its first interval.</summary>
    bool RunsAtStart => false;

    /// <summary>Runs the job once; returns what it did, a line per item, for the log.</summary>
    Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken);
}
