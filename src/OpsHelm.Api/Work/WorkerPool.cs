using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Work;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Work;

/// <summary>
/// The store-backed queue's workers (standalone and emulator modes): each takes one workspace at a time, leases a batch
/// of its items in the order they were read, processes them one by one and finalizes the runs they finished. Idle
/// workers wait for a wake-up or the poll interval.
/// </summary>
public sealed class WorkerPool(
    WorkspaceRegistry registry,
    IWorkQueue queue,
    WorkItemProcessor processor,
    RunFinalizer finalizer,
    WorkSignal signal,
    IOptions<WorkQueueOptions> options,
    ILogger<WorkerPool> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _claimed = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        Logs.WorkersStarted(logger, settings.Workers);
        return Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(worker => Task.Run(() => RunWorkerAsync(worker, settings, stoppingToken), stoppingToken)));
    }

    /// <summary>One pass over every workspace by worker <paramref name="worker"/>; returns how many items it processed.</summary>
    public async Task<int> DrainOnceAsync(int worker, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var processed = 0;
        var workspaces = registry.All.ToList();
        for (var i = 0; i < workspaces.Count; i++)
        {
            var workspace = workspaces[(i + worker) % workspaces.Count];
            if (!_claimed.TryAdd(workspace.Id, worker))
            {
                continue;
            }
            try
            {
                var profile = registry.ProfileOf(workspace.Id);
                var leased = await queue.LeaseAsync(workspace.Id, settings.BatchSize, settings.LeaseDuration, cancellationToken);
                foreach (var item in leased)
                {
                    await processor.ProcessAsync(item, profile, cancellationToken);
                }
                foreach (var runId in leased.Select(i => i.RunId).Distinct(StringComparer.Ordinal))
                {
                    await finalizer.TryFinalizeAsync(profile, runId, cancellationToken);
                }
                processed += leased.Count;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.WorkerFailed(logger, ex, worker, workspace.Id);
            }
            finally
            {
                _claimed.TryRemove(workspace.Id, out _);
            }
        }
        return processed;
    }

    private async Task RunWorkerAsync(int worker, WorkQueueOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainOnceAsync(worker, stoppingToken) == 0)
                {
                    await signal.WaitForWorkAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
