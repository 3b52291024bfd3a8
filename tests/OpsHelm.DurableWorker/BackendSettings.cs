using DurableTask.AzureStorage;

namespace OpsHelm.DurableWorker;

/// <summary>The Azure Storage backend's settings from the worker's options.</summary>
public static class BackendSettings
{
    /// <summary>
    /// Settings for the task hub of <paramref name="options"/>. The worker id is fixed: a restarted process finds itself
    /// the partition's owner and listens at once (a replacement with another id would wait for the lease to expire).
    /// </summary>
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
