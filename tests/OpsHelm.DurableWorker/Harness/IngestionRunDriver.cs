using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.DurableWorker.Harness;

/// <summary>
/// Drives one workspace's ingestion through worker processes that share a port, a task hub and an embedded store: start,
/// SIGKILL, restart; watches the store's recorded messages and the Durable instance's status from outside the worker.
/// </summary>
public sealed class IngestionRunDriver : IAsyncDisposable
{
    private readonly ServiceProvider _clientServices;
    private readonly EmbeddedStore _store;

    private IngestionRunDriver(WorkerSettings settings)
    {
        Settings = settings;
        _clientServices = WorkerProcess.CreateClient(settings.Port);
        Client = _clientServices.GetRequiredService<DurableTaskClient>();
        Directory.CreateDirectory(settings.StoreDirectory);
        _store = EmbeddedStore.Open(settings.StoreDirectory, TimeProvider.System);
    }

    /// <summary>The settings every worker process of the run gets.</summary>
    public WorkerSettings Settings { get; }

    /// <summary>The Durable client (over the running worker's sidecar).</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The store the workers write (opened by this process too, read-only use).</summary>
    public EmbeddedStore Store => _store;

    /// <summary>The worker process running now, if any.</summary>
    public WorkerProcess? Worker { get; private set; }

    /// <summary>The workspace's orchestration instance id.</summary>
    public string InstanceId => IngestionRegistration.InstanceId(Settings.WorkspaceId);

    /// <summary>A driver with a fresh store in a temporary folder (deleted on disposal), on a fixed free port, for the task hub <paramref name="taskHub"/>.</summary>
    public static IngestionRunDriver Create(string storageConnection, int messages, int pageSize, BackendTimings timings, string taskHub = "OpsHelm") =>
        new(new WorkerSettings(WorkerProcess.FreePort(), storageConnection, Directory.CreateTempSubdirectory("opshelm-durable-").FullName, messages, pageSize,
            timings, TaskHub: taskHub));

    /// <summary>Starts a worker process (<paramref name="startRun"/> for the first one, which schedules the run).</summary>
    public void StartWorker(bool startRun)
    {
        if (Worker is { HasExited: false })
        {
            throw new InvalidOperationException("a worker is already running");
        }
        Worker?.Dispose();
        Worker = WorkerProcess.Start(Settings, startRun);
    }

    /// <summary>SIGKILLs the running worker.</summary>
    public void KillWorker() => (Worker ?? throw new InvalidOperationException("no worker is running")).Kill();

    /// <summary>Messages recorded in the store now (EmailEvents of the workspace).</summary>
    public async Task<int> RecordedAsync() => (await _store.Records.ListEventsAsync(Settings.WorkspaceId, CancellationToken.None)).Count;

    /// <summary>Waits until at least <paramref name="atLeast"/> messages are recorded; returns the count seen.</summary>
    public async Task<int> WaitUntilRecordedAsync(int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var recorded = await RecordedAsync();
            if (recorded >= atLeast)
            {
                return recorded;
            }
            var ended = await EndedAsync();
            if (DateTime.UtcNow > deadline || Worker is { HasExited: true } || ended is not null)
            {
                throw new TimeoutException($"{recorded} of {atLeast} messages recorded; instance {ended?.RuntimeStatus.ToString() ?? "running"} "
                    + $"{ended?.FailureDetails} {ended?.SerializedOutput}; worker output:\n{Worker?.Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the instance has ended (Completed, Failed or Terminated) and returns it.</summary>
    public async Task<OrchestrationMetadata> WaitForEndAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await EndedAsync() is { } instance)
            {
                return instance;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{InstanceId} had not ended after {timeout.TotalSeconds} s; worker output:\n{Worker?.Output}");
            }
            await Task.Delay(250);
        }
    }

    // The instance once it has ended (Completed, Failed or Terminated); null while it runs or the sidecar is not serving.
    private async Task<OrchestrationMetadata?> EndedAsync()
    {
        try
        {
            return await Client.GetInstanceAsync(InstanceId, getInputsAndOutputs: true) is { } instance
                && instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
                ? instance
                : null;
        }
        catch (RpcException)
        {
            // The sidecar is starting, or was just killed.
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Worker?.Dispose();
        await _clientServices.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(Settings.StoreDirectory, recursive: true);
    }
}
