namespace OpsHelm.Core.Ports;

/// <summary>One page's writes: kept only when committed; disposed without a commit, nothing of the page remains.</summary>
public interface IPageTransaction : IAsyncDisposable
{
    /// <summary>Starts one item's unit inside the page: what the item writes stays only when the unit is completed.</summary>
    IItemTransaction BeginItem();

    /// <summary>Keeps every completed item of the page (and whatever else was written in it, such as checkpoints).</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
