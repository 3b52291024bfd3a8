using System.ComponentModel.DataAnnotations;

namespace OpsHelm.DurableWorker;

/// <summary>
/// The Azure Storage backend's timeouts and concurrency. The defaults are the backend's own (what production uses unless
/// host.json sets them); a kill test shortens them, or a killed worker's messages stay invisible for five minutes.
/// </summary>
public sealed class BackendTimings
{
    /// <summary>How long a dequeued activity message stays invisible (backend default 5 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dequeued orchestration (control queue) message stays invisible (backend default 5 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a partition lease lasts without renewal (backend default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed (backend default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often free or expired leases are looked for (backend default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between polls of an empty queue (backend default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Control queue partitions (backend default 4).</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Activities run at once (backend default 10; the Functions host uses 10 per core).</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>The app lease guards blue/green deployments of one app; one test process has no use for it (backend default on).</summary>
    public bool UseAppLease { get; set; } = true;
}
