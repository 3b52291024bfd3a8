using OpsHelm.Core.Work;

namespace OpsHelm.Api.Work;

/// <summary>The Store kind: wakes this process's workers and pull coordinator; polling covers a missed wake-up.</summary>
public sealed class InProcessWorkNotifier(WorkSignal signal) : IWorkNotifier
{
    /// <inheritdoc />
    public Task ItemsReadyAsync(IReadOnlyList<WorkItem> items, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        signal.WorkEnqueued();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PullRequestedAsync(CancellationToken cancellationToken)
    {
        signal.PushRecorded();
        return Task.CompletedTask;
    }
}
