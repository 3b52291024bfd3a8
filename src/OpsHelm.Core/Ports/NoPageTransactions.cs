namespace OpsHelm.Core.Ports;

/// <summary>For stores whose every write stands alone: pages and items group nothing, and a commit has nothing to do.</summary>
public sealed class NoPageTransactions : IPageTransactions, IPageTransaction, IItemTransaction
{
    /// <summary>The one instance.</summary>
    public static NoPageTransactions Instance { get; } = new();

    private NoPageTransactions()
    {
    }

    /// <inheritdoc />
    public IPageTransaction BeginPage() => this;

    /// <inheritdoc />
    public IItemTransaction BeginItem() => this;

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Complete()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
