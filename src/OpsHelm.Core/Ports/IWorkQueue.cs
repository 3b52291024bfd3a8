using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Work;

namespace OpsHelm.Core.Ports;

/// <summary>
/// Work items of fan-out runs, one per provider message, kept in the store: processed at least once under a lease, with
/// bounded attempts and a dead-letter state. Every call is scoped to one workspace.
/// </summary>
public interface IWorkQueue
{
    /// <summary>Adds items; an item whose id exists is left as it is (a re-read page enqueues nothing twice).</summary>
    Task EnqueueAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> visible items (pending, or leased with an expired lease) in run and position order.</summary>
    Task<IReadOnlyList<WorkItem>> LeaseAsync(string workspaceId, int max, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Leases item <paramref name="itemId"/> when it is visible (a Service Bus delivery names it); null otherwise.</summary>
    Task<WorkItem?> LeaseOneAsync(string workspaceId, string itemId, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Marks a leased item Done with what it did; false when its lease was lost to another worker.</summary>
    Task<bool> CompleteAsync(WorkItem leased, ItemSummary summary, CancellationToken cancellationToken);

    /// <summary>Returns a leased item to Pending, visible again at <paramref name="visibleAt"/>; false when its lease was lost.</summary>
    Task<bool> RetryLaterAsync(WorkItem leased, string error, DateTimeOffset visibleAt, CancellationToken cancellationToken);

    /// <summary>Marks a leased item DeadLettered (attempts exhausted) with what was recorded for it; false when its lease was lost.</summary>
    Task<bool> DeadLetterAsync(WorkItem leased, string error, ItemSummary summary, CancellationToken cancellationToken);

    /// <summary>The run's items by state, and the summaries of those finished.</summary>
    Task<RunTally> TallyAsync(string workspaceId, string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> unfinished items visible since before <paramref name="before"/> that nobody took
    /// (pending, or leased with a lease that lapsed by then), in run and position order: work whose delivery was lost,
    /// for the supervisor to announce again. Nothing is leased.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ListOverdueAsync(string workspaceId, DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Items of the workspace that are not finished (pending or leased), for health and the supervisor.</summary>
    Task<int> CountUnfinishedAsync(string workspaceId, CancellationToken cancellationToken);
}
