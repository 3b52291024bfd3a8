using OpsHelm.Core.Ingestion;
namespace OpsHelm.Core.Work;

/// <summary>A run's work items by state, and the summaries of those finished (the fan-in).</summary>
/// <param name="Pending">Waiting.</param>
/// <param name="Leased">Being processed.</param>
/// <param name="Done">Processed.</param>
/// <param name="DeadLettered">Given up on; each has a ProcessingFailed exception.</param>
/// <param name="Summaries">Summaries of the Done and DeadLettered items.</param>
public sealed record RunTally(int Pending, int Leased, int Done, int DeadLettered, IReadOnlyList<ItemSummary> Summaries)
{
    /// <summary>All items.</summary>
    public int Total => Pending + Leased + Done + DeadLettered;

    /// <summary>True when no item is waiting or in progress.</summary>
    public bool Finished => Pending == 0 && Leased == 0;

    /// <summary>The tally of a run's <paramref name="items"/>.</summary>
    public static RunTally Of(IReadOnlyCollection<WorkItem> items) => new(
        items.Count(i => i.State == WorkItemState.Pending),
        items.Count(i => i.State == WorkItemState.Leased),
        items.Count(i => i.State == WorkItemState.Done),
        items.Count(i => i.State == WorkItemState.DeadLettered),
        items.Where(i => i.Summary is not null).Select(i => i.Summary!).ToList());
}
