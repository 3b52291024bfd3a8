using Microsoft.Extensions.Logging;
using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Ingestion;

/// <summary>
/// The driver <c>opshelm serve</c> runs the run steps with, in place of the Durable orchestration: the same steps in the
/// same order (pull a page → process its messages wave by wave, at most <see cref="IngestionSettings.Parallelism"/> at
/// once, each retried with the Durable retry policy's backoff and recorded as ProcessingFailed after its last attempt →
/// write the page's checkpoints → next page → finalize). One run per workspace at a time: a request during a run is
/// remembered and starts one more run after it, never a second concurrent one. After each recorded page the run's state
/// is saved on the run, so a process that stops mid-run resumes it where it stood (<see cref="ResumeInterruptedAsync"/>).
/// </summary>
public sealed class InProcessIngestion(
    PullPageStep pull,
    ProcessMessageStep process,
    RecordProcessingFailureStep recordFailure,
    CommitCheckpointsStep commit,
    FinalizeRunStep finalize,
    IRecordStore records,
    IngestionSettings settings,
    TimeProvider time,
    ILogger<InProcessIngestion> logger) : IAsyncDisposable
{
    private readonly Dictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Starts a run of <paramref name="request"/>'s workspace, or, while one runs, remembers it for one more run after
    /// that (requests meanwhile fold into it; a manual or backfill request outranks a push). Returns the id of the run
    /// that will answer it.
    /// </summary>
    public RunStart Request(IngestionRequest request)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        lock (_workspaces)
        {
            var workspace = _workspaces.TryGetValue(request.WorkspaceId, out var known) ? known : _workspaces[request.WorkspaceId] = new Workspace();
            if (workspace.Running is { IsCompleted: false })
            {
                if (workspace.Pending is null || (workspace.Pending.Trigger == "Push" && request.Trigger != "Push"))
                {
                    workspace.Pending = request with { RunId = workspace.Pending?.RunId ?? request.RunId ?? NewRunId() };
                }
                return new RunStart(workspace.Pending.RunId!, Started: false);
            }
            var first = request with { RunId = request.RunId ?? NewRunId() };
            workspace.Running = Task.Run(() => DriveAsync(first, workspace));
            return new RunStart(first.RunId!, Started: true);
        }
    }

    /// <summary>
    /// Resumes the runs of <paramref name="workspaceIds"/> a stopped process left Running: from the state saved after their
    /// last recorded page, or, stopped before it, from their start under the same run id. Returns how many it resumed.
    /// </summary>
    public async Task<int> ResumeInterruptedAsync(IEnumerable<string> workspaceIds, CancellationToken cancellationToken)
    {
        var resumed = 0;
        foreach (var workspaceId in workspaceIds)
        {
            var interrupted = (await records.ListRunsAsync(workspaceId, RecentRuns, cancellationToken))
                .FirstOrDefault(r => r is { Status: "Running", FanOut: null });
            if (interrupted is null)
            {
                continue;
            }
            Request(interrupted.Progress ?? new IngestionRequest { WorkspaceId = workspaceId, Trigger = interrupted.Trigger, RunId = interrupted.RunId });
            resumed++;
        }
        return resumed;
    }

    // Runs looked at for one left Running.
    private const int RecentRuns = 20;

    /// <summary>Waits until no run of any workspace is in progress or queued (tests, shutdown).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_workspaces)
            {
                running = _workspaces.Values.Select(w => w.Running).OfType<Task>().Where(t => !t.IsCompleted).ToArray();
            }
            if (running.Length == 0)
            {
                return;
            }
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await WhenIdleAsync();
        _stopping.Dispose();
    }

    private async Task DriveAsync(IngestionRequest request, Workspace workspace)
    {
        IngestionRequest? next = request;
        while (next is not null)
        {
            var failed = true;
            var pendingNotices = 0;
            var current = next;
            try
            {
                (current, failed, pendingNotices) = await RunAsync(next, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.DriverCrashed(logger, ex, request.WorkspaceId);
            }
            lock (_workspaces)
            {
                next = current.NextRun(failed, workspace.Pending is null ? pendingNotices : 0);
                if (next is null && workspace.Pending is { } pending)
                {
                    workspace.Pending = null;
                    next = pending;
                }
                if (next is null)
                {
                    // Still under the lock: a request from now on sees this run finished and starts its own.
                    workspace.Running = null;
                }
            }
        }
    }

    // One run, page by page; returns it finalized, whether its pull failed and how many pushes came during it.
    private async Task<(IngestionRequest Run, bool Failed, int PendingNotices)> RunAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        var current = request.Begin(request.RunId ?? NewRunId(), time.GetUtcNow());
        string? error = null;
        while (!current.RunComplete)
        {
            try
            {
                var page = await WithRetriesAsync(() => pull.RunAsync(current.NextPage(), cancellationToken), cancellationToken);
                var summaries = await ProcessPageAsync(current, page, cancellationToken);
                await WithRetriesAsync(() => commit.RunAsync(current.Commit(page), cancellationToken), cancellationToken);
                current = current.AfterPage(page, summaries);
                await SaveProgressAsync(current, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.PullFailed(logger, ex, current.Run!.RunId, current.WorkspaceId);
                error = $"{ex.GetType().Name}: {ex.Message}";
                break;
            }
        }
        var summary = await WithRetriesAsync(() => finalize.RunAsync(current.Finalize(error), cancellationToken), cancellationToken);
        return (current, error is not null, summary.PendingNotices);
    }

    private async Task SaveProgressAsync(IngestionRequest current, CancellationToken cancellationToken)
    {
        if (await records.FindRunAsync(current.WorkspaceId, current.Run!.RunId, cancellationToken) is { } run)
        {
            await records.SaveRunAsync(run with { Progress = current }, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<ItemSummary>> ProcessPageAsync(IngestionRequest run, PulledPage page, CancellationToken cancellationToken)
    {
        var summaries = new ItemSummary[page.Items.Count];
        var indexed = page.Items.Select((item, index) => (Item: item, Index: index));
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken };
        foreach (var wave in indexed.GroupBy(i => i.Item.Wave).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(wave, options, async (entry, token) =>
                summaries[entry.Index] = await ProcessItemAsync(run, entry.Item, token));
        }
        return summaries;
    }

    private async Task<ItemSummary> ProcessItemAsync(IngestionRequest run, PageItem item, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await process.RunAsync(run.Process(item), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt >= settings.MaxAttempts)
                {
                    Logs.ItemFailed(logger, ex, item.ResultId, run.Run!.RunId, attempt);
                    return await WithRetriesAsync(() => recordFailure.RunAsync(run.Failed(item, $"{ex.GetType().Name}: {ex.Message}"), cancellationToken), cancellationToken);
                }
                var delay = settings.RetryDelay(attempt);
                Logs.ItemRetried(logger, ex, item.ResultId, run.Run!.RunId, attempt, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    // The steps other than a message's processing retry the same way; their last failure goes to the caller.
    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < settings.MaxAttempts)
            {
                await Task.Delay(settings.RetryDelay(attempt), time, cancellationToken);
            }
        }
    }

    private string NewRunId() => Guid.CreateVersion7(time.GetUtcNow()).ToString("n");

    private sealed class Workspace
    {
        public Task? Running { get; set; }
        public IngestionRequest? Pending { get; set; }
    }
}

/// <summary>What asking for a run gave.</summary>
/// <param name="RunId">The run that will answer the request.</param>
/// <param name="Started">True when it started now; false when it follows the run in progress.</param>
public sealed record RunStart(string RunId, bool Started);
