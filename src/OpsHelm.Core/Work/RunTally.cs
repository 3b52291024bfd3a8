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
}
