using OpsHelm.Core.Work;

namespace OpsHelm.Core.Ports;

/// <summary>
/// Announces work items that are ready to whatever processes them: wakes the in-process workers, or sends one queue
/// message per item. The items are already in the store, so a lost announcement delays work but loses none: the
/// supervisor announces overdue items again.
/// </summary>
public interface IWorkDispatcher
{
    /// <summary>Announces <paramref name="items"/>, to be delivered no earlier than <paramref name="notBefore"/> (a retry) or at once.</summary>
    Task ItemsReadyAsync(IReadOnlyList<WorkItem> items, DateTimeOffset? notBefore, CancellationToken cancellationToken);
}
