using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Tests.Ingestion;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Tests.Ingestion;

/// <summary>
/// A real Durable Task runtime in this process (the in-process test host's gRPC sidecar and worker) running the real
/// orchestrator and the real activity classes over the run steps of an <see cref="IngestionHarness"/>.
/// </summary>
internal sealed class DurableIngestionHost : IAsyncDisposable
{
    /// <summary>The orchestrator's retry with waits short enough for a test (the production policy waits 5 s, 10 s, …).</summary>
    public static readonly RetryPolicy FastRetry = new(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(10));

    private readonly IHost _host;
    private readonly ActivityCounter _counter;

    private DurableIngestionHost(IHost host, IngestionHarness harness, ActivityCounter counter)
    {
        _host = host;
        _counter = counter;
        Harness = harness;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
        Starter = new IngestionStarter(harness.Time);
    }

    public IngestionHarness Harness { get; }

    public DurableTaskClient Client { get; }

    public IngestionStarter Starter { get; }

    /// <summary>Activities this host ran so far.</summary>
    public int Activities => Volatile.Read(ref _counter.Count);

    public static async Task<DurableIngestionHost> StartAsync(IngestionHarness harness, bool unthrottled = true)
    {
        var counter = new ActivityCounter();
        var pull = new PullPage(harness.Pull);
        var process = new ProcessMessage(harness.Process);
        var recordFailure = new RecordProcessingFailure(harness.RecordFailure);
        var commit = new CommitCheckpoints(harness.Commit);
        var finalize = new FinalizeRun(harness.Finalize);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddInMemoryDurableTask(registry =>
        {
            registry.AddOrchestratorFunc<IngestionRequest, RunSummary?>(nameof(IngestionOrchestrator),
                (context, request) => IngestionOrchestrator.RunAsync(context, request!, FastRetry));
            registry.AddActivityFunc<PullPageRequest, PulledPage>(nameof(PullPage), (_, request) => counter.Counted(pull.RunAsync(request!, CancellationToken.None)));
            registry.AddActivityFunc<ProcessMessageRequest, ItemSummary>(nameof(ProcessMessage), (_, request) => counter.Counted(process.RunAsync(request!, CancellationToken.None)));
            registry.AddActivityFunc<RecordProcessingFailureRequest, ItemSummary>(nameof(RecordProcessingFailure),
                (_, request) => counter.Counted(recordFailure.RunAsync(request!, CancellationToken.None)));
            registry.AddActivityFunc<CommitCheckpointsRequest, int>(nameof(CommitCheckpoints), (_, request) => counter.Counted(commit.RunAsync(request!, CancellationToken.None)));
            registry.AddActivityFunc<FinalizeRunRequest, RunSummary>(nameof(FinalizeRun), (_, request) => counter.Counted(finalize.RunAsync(request!, CancellationToken.None)));
        }, new InMemoryDurableTaskOptions { Port = FreePort() });
        if (unthrottled)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<InMemoryOrchestrationService>(sp => new UnthrottledOrchestrationService(sp.GetService<ILoggerFactory>())));
            builder.Services.Configure<DurableTaskWorkerOptions>(options =>
            {
                options.Concurrency.MaximumConcurrentActivityWorkItems = 512;
                options.Concurrency.MaximumConcurrentOrchestrationWorkItems = 64;
            });
        }
        var host = builder.Build();
        await host.StartAsync();
        return new DurableIngestionHost(host, harness, counter);
    }

    /// <summary>Starts (or signals) the workspace's orchestration as the triggers do.</summary>
    public Task<RunStart> StartAsync(IngestionRequest request) => Starter.StartOrSignalAsync(Client, request, CancellationToken.None);

    /// <summary>Waits for the workspace's instance to finish (through every continue-as-new) and returns it.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(IngestionOrchestrator.InstanceIdOf(Harness.WorkspaceId), getInputsAndOutputs: true, cancel.Token);
    }

    /// <summary>Every orchestration instance the backend knows.</summary>
    public async Task<IReadOnlyList<OrchestrationMetadata>> InstancesAsync()
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            all.Add(instance);
        }
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }

    private sealed class ActivityCounter
    {
        public int Count;

        public Task<T> Counted<T>(Task<T> activity)
        {
            Interlocked.Increment(ref Count);
            return activity;
        }
    }

    // A port the OS just handed out, fixed for this host (random ports in a range can collide between hosts).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
