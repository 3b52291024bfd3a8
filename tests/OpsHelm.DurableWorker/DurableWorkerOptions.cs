using System.ComponentModel.DataAnnotations;

namespace OpsHelm.DurableWorker;

/// <summary>Where the worker listens, which backend and store it uses, and the fake mailbox it ingests.</summary>
public sealed class DurableWorkerOptions
{
    /// <summary>The configuration section (command line: <c>--DurableWorker:Port=…</c>).</summary>
    public const string Section = "DurableWorker";

    /// <summary>The sidecar's fixed loopback port; the same on every restart, so a client can reconnect.</summary>
    [Range(1, 65535)]
    public int Port { get; set; }

    /// <summary>The Azure Storage connection string of the task hub (Azurite in tests).</summary>
    [Required]
    public string StorageConnection { get; set; } = "";

    /// <summary>The task hub's name (letters and digits, 3–45).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHub { get; set; } = "OpsHelm";

    /// <summary>The embedded store's folder (shared by every restart).</summary>
    [Required]
    public string StoreDirectory { get; set; } = "";

    /// <summary>The workspace ingested.</summary>
    [Required]
    public string WorkspaceId { get; set; } = "kill";

    /// <summary>How many messages the fake mailbox holds.</summary>
    [Range(1, 1_000_000)]
    public int Messages { get; set; } = 200;

    /// <summary>Messages per page of the fake mailbox.</summary>
    [Range(1, 1_000)]
    public int PageSize { get; set; } = 50;

    /// <summary>Schedules the workspace's orchestration at start (the first start only; a restart resumes it).</summary>
    public bool StartRun { get; set; }

    /// <summary>The backend's timeouts and concurrency.</summary>
    public BackendTimings Backend { get; set; } = new();
}
