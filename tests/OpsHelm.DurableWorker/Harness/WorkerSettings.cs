using System.Globalization;

namespace OpsHelm.DurableWorker.Harness;

/// <summary>What one kill-test worker process is started with; the same for every restart of a run.</summary>
/// <param name="Port">The sidecar's fixed loopback port.</param>
/// <param name="StorageConnection">The task hub's storage account (Azurite).</param>
/// <param name="StoreDirectory">The embedded store's folder.</param>
/// <param name="Messages">Messages in the fake mailbox.</param>
/// <param name="PageSize">Messages per page.</param>
/// <param name="Timings">The backend's timeouts and concurrency.</param>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="TaskHub">The task hub.</param>
public sealed record WorkerSettings(int Port, string StorageConnection, string StoreDirectory, int Messages, int PageSize, BackendTimings Timings,
    string WorkspaceId = "kill", string TaskHub = "OpsHelm")
{
    /// <summary>
    /// Timings for kill tests: a killed worker's messages come back after 10 s instead of the backend's 5 minutes
    /// (visibility timeouts), its partition lease after 10 s instead of 30 s; empty queues are polled every second at most
    /// instead of every 30 s; one partition; 20 activities at once; no app lease.
    /// </summary>
    public static BackendTimings KillTestTimings => new()
    {
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        LeaseInterval = TimeSpan.FromSeconds(10),
        LeaseRenewInterval = TimeSpan.FromSeconds(3),
        LeaseAcquireInterval = TimeSpan.FromSeconds(2),
        MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        PartitionCount = 1,
        MaxConcurrentActivities = 20,
        UseAppLease = false,
    };

    /// <summary>The worker's command line (configuration keys of <see cref="DurableWorkerOptions"/>).</summary>
    public IReadOnlyList<string> Arguments(bool startRun)
    {
        const string S = DurableWorkerOptions.Section;
        static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
        return
        [
            $"--{S}:Port={Port.ToString(CultureInfo.InvariantCulture)}",
            $"--{S}:StorageConnection={StorageConnection}",
            $"--{S}:StoreDirectory={StoreDirectory}",
            $"--{S}:TaskHub={TaskHub}",
            $"--{S}:WorkspaceId={WorkspaceId}",
            $"--{S}:Messages={Messages.ToString(CultureInfo.InvariantCulture)}",
            $"--{S}:PageSize={PageSize.ToString(CultureInfo.InvariantCulture)}",
            $"--{S}:StartRun={(startRun ? "true" : "false")}",
            // The app's own page size (IngestionOptions), equal to the mailbox's, so each pull is one mailbox page.
            $"--OpsHelm:Ingestion:PageSize={PageSize.ToString(CultureInfo.InvariantCulture)}",
            $"--{S}:Backend:WorkItemQueueVisibilityTimeout={Span(Timings.WorkItemQueueVisibilityTimeout)}",
            $"--{S}:Backend:ControlQueueVisibilityTimeout={Span(Timings.ControlQueueVisibilityTimeout)}",
            $"--{S}:Backend:LeaseInterval={Span(Timings.LeaseInterval)}",
            $"--{S}:Backend:LeaseRenewInterval={Span(Timings.LeaseRenewInterval)}",
            $"--{S}:Backend:LeaseAcquireInterval={Span(Timings.LeaseAcquireInterval)}",
            $"--{S}:Backend:MaxQueuePollingInterval={Span(Timings.MaxQueuePollingInterval)}",
            $"--{S}:Backend:PartitionCount={Timings.PartitionCount.ToString(CultureInfo.InvariantCulture)}",
            $"--{S}:Backend:MaxConcurrentActivities={Timings.MaxConcurrentActivities.ToString(CultureInfo.InvariantCulture)}",
            $"--{S}:Backend:UseAppLease={(Timings.UseAppLease ? "true" : "false")}",
        ];
    }
}
