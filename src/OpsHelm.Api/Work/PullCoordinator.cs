using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Work;
using OpsHelm.Core.Workspaces;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Work;

/// <summary>
/// Decides when a workspace is pulled: for recorded pushes, timers and manual ingests, at most one pull per workspace at
/// a time. A pull runs in the background after its run is created, so callers answer at once with the run id; a pull
/// left unfinished (a crash) is resumed here, and a backfill stopped by its page cap continues in the next run.
/// </summary>
public sealed class PullCoordinator(
    WorkspaceRegistry registry,
    WorkspaceSources sources,
    FanOutPull pull,
    RunFinalizer finalizer,
    IRecordStore records,
    IPushInbox pushes,
    ProviderClients providers,
    ISubscriptionStore subscriptions,
    IOptions<WorkQueueOptions> options,
    TimeProvider time,
    ILogger<PullCoordinator> logger) : IAsyncDisposable
{
    // Lifecycle notices GraphLifecycleProcessor answers (renew or recreate); every other pending push asks for a pull.
    private static readonly HashSet<string> LifecycleKinds = ["reauthorizationRequired", "subscriptionRemoved"];

    // Runs looked at for one in flight and for the pushes they answer: newer than any pull still open.
    private const int RecentRuns = 20;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _pulls = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts a pull of <paramref name="workspace"/> unless one is in flight; returns the run that will carry the work.</summary>
    public Task<PullStart> RequestAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken) =>
        RequestCoreAsync(workspace, trigger, since, cancellationToken);

    private async Task<PullStart> RequestCoreAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(workspace.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var recent = await records.ListRunsAsync(workspace.Id, RecentRuns, cancellationToken);
            if (recent.FirstOrDefault(r => r is { Status: "Running", FanOut.Complete: false }) is { } running)
            {
                EnsurePulling(running, workspace);
                return new PullStart(running, false);
            }
            var backfill = trigger == "Backfill";
            var pending = await UnansweredAsync(workspace.Id, recent, cancellationToken);
            var run = await pull.BeginAsync(new FanOutRequest
            {
                Config = workspace,
                Source = sources.For(workspace),
                Trigger = trigger,
                Since = since,
                PageCap = backfill ? options.Value.BackfillPagesPerRun : null,
                IgnoreCheckpoints = backfill,
                PushIds = pending.Select(p => p.Id).ToList(),
            }, cancellationToken);
            EnsurePulling(run, workspace);
            return new PullStart(run, true);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// One look at every workspace: lifecycle notices processed, pending pushes pulled, unfinished pulls resumed, finished
    /// runs finalized, a capped backfill continued. Returns how many pulls it started or resumed.
    /// </summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var workspace in registry.All)
        {
            try
            {
                started += await CheckAsync(workspace, cancellationToken) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.CheckFailed(logger, ex, workspace.Id);
            }
        }
        return started;
    }

    /// <summary>Waits for the pulls this process started (tests, shutdown).</summary>
    public async Task WhenIdleAsync()
    {
        foreach (var running in _pulls.Values)
        {
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await WhenIdleAsync();
        _stopping.Dispose();
    }

    private async Task<bool> CheckAsync(WorkspaceConfig workspace, CancellationToken cancellationToken)
    {
        var pending = await pushes.ListPendingAsync(workspace.Id, 500, cancellationToken);
        if (pending.Any(p => p.Provider == GraphSubscriptionManager.Provider && LifecycleKinds.Contains(p.Kind))
            && providers.GraphSubscriptions.Value is { } manager)
        {
            await new GraphLifecycleProcessor(pushes, subscriptions, manager).ProcessAsync(workspace.Id, cancellationToken);
        }
        var recent = await records.ListRunsAsync(workspace.Id, RecentRuns, cancellationToken);
        foreach (var run in recent.Where(r => r is { Status: "Running", FanOut.Complete: true }))
        {
            await finalizer.TryFinalizeAsync(registry.ProfileOf(workspace.Id), run.RunId, cancellationToken);
        }
        if (recent.FirstOrDefault(r => r is { Status: "Running", FanOut.Complete: false }) is { } unfinished)
        {
            EnsurePulling(unfinished, workspace);
            return true;
        }
        var lastPull = recent.FirstOrDefault(r => r.FanOut is not null);
        // A source that keeps failing is not hammered: pending pushes wait out the backoff after a failed pull.
        var backingOff = lastPull is { Status: "Failed", EndedAt: { } ended } && time.GetUtcNow() - ended < options.Value.FailedPullBackoff;
        if (!backingOff && (await UnansweredAsync(workspace.Id, recent, cancellationToken)).Count > 0)
        {
            return (await RequestCoreAsync(workspace, "Push", null, cancellationToken)).Started;
        }
        if (lastPull is { Trigger: "Backfill", Status: "Succeeded", FanOut: { SourceExhausted: false } capped })
        {
            // The next page range of the backfill reads on from the checkpoints the last one wrote.
            var next = await pull.BeginAsync(new FanOutRequest
            {
                Config = workspace,
                Source = sources.For(workspace),
                Trigger = "Backfill",
                Since = capped.Since,
                PageCap = options.Value.BackfillPagesPerRun,
            }, cancellationToken);
            EnsurePulling(next, workspace);
            return true;
        }
        return false;
    }

    // Pending pushes that ask for a pull and that no unfinished run already answers.
    private async Task<IReadOnlyList<PushNotice>> UnansweredAsync(string workspaceId, IReadOnlyList<IngestionRun> recent, CancellationToken cancellationToken)
    {
        var claimed = recent
            .Where(r => r is { Status: "Running", FanOut: not null })
            .SelectMany(r => r.FanOut!.PushIds)
            .ToHashSet(StringComparer.Ordinal);
        return (await pushes.ListPendingAsync(workspaceId, 500, cancellationToken))
            .Where(p => !(p.Provider == GraphSubscriptionManager.Provider && LifecycleKinds.Contains(p.Kind)) && !claimed.Contains(p.Id))
            .ToList();
    }

    // A pull this process is not already running is started here; the workspace lock keeps two processes from pulling at once.
    private void EnsurePulling(IngestionRun run, WorkspaceConfig workspace)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        _pulls.AddOrUpdate(workspace.Id,
            _ => PullAsync(run, workspace),
            (_, existing) => existing.IsCompleted ? PullAsync(run, workspace) : existing);
    }

    private Task PullAsync(IngestionRun run, WorkspaceConfig workspace) => Task.Run(async () =>
    {
        try
        {
            var pulled = await pull.ResumeAsync(run, workspace, sources.For(workspace), TimeSpan.FromSeconds(10), _stopping.Token);
            await finalizer.TryFinalizeAsync(registry.ProfileOf(workspace.Id), pulled.RunId, _stopping.Token);
        }
        catch (Exception ex) when (ex is WorkspaceBusyException or OperationCanceledException)
        {
            // Another process holds the workspace's pull, or the app is stopping: the next check looks again.
        }
        catch (Exception ex)
        {
            Logs.PullCrashed(logger, ex, run.RunId, workspace.Id);
        }
    });
}

/// <summary>What asking for a pull gave: the run carrying it, and whether it was started now (false: one was in flight).</summary>
/// <param name="Run">The run.</param>
/// <param name="Started">True when this request started it.</param>
public sealed record PullStart(IngestionRun Run, bool Started);
