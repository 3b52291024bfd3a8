using DurableTask.AzureStorage;

namespace OpsHelm.DurableWorker;

/// <summary>The Azure Storage backend's settings from the worker's options.</summary>
public static class BackendSettings
{
    /// <summary>Settings for the task hub of <paramref name="options"/>; the worker id is fixed so a restarted process reclaims its own leases.</summary>
    public static AzureStorageOrchestrationServiceSettings For(DurableWorkerOptions options, ILoggerFactory loggerFactory)
    {
        var timings = options.Backend;
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnection),
            TaskHubName = options.TaskHub,
            WorkerId = "opshelm-durable-worker",
            PartitionCount = timings.PartitionCount,
            WorkItemQueueVisibilityTimeout = timings.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = timings.ControlQueueVisibilityTimeout,
            LeaseInterval = timings.LeaseInterval,
            LeaseRenewInterval = timings.LeaseRenewInterval,
            LeaseAcquireInterval = timings.LeaseAcquireInterval,
            MaxQueuePollingInterval = timings.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = timings.MaxConcurrentActivities,
            UseAppLease = timings.UseAppLease,
            LoggerFactory = loggerFactory,
        };
    }
}
