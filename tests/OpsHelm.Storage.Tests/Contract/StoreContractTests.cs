namespace OpsHelm.Storage.Tests.Contract;

/// <summary>
/// The behaviour every store must have, whatever it is built on. Each implementation runs all of it through a subclass that
/// opens a fresh store per test (<see cref="OpenAsync"/>); the tests are split by port across the partial files.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private StoreUnderTest? _store;

    /// <summary>The store of the current test.</summary>
    protected StoreUnderTest Store => _store!;

    /// <summary>The clock the store was given.</summary>
    protected FakeTimeProvider Time => Store.Time;

    /// <summary>Opens a fresh, empty store of the implementation under test.</summary>
    protected abstract Task<StoreUnderTest> OpenAsync(FakeTimeProvider time);

    public async Task InitializeAsync() => _store = await OpenAsync(new FakeTimeProvider(Samples.Now));

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private static CancellationToken None => CancellationToken.None;
}
