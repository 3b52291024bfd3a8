using OpsHelm.DurableWorker.Harness;

namespace OpsHelm.DurableWorker.Tests.Ingestion;

/// <summary>One Azurite (Blob, Queue, Table) for the class's tests, on free loopback ports.</summary>
public sealed class DurableAzuriteFixture : IAsyncLifetime
{
    private DurableAzurite? _azurite;

    /// <summary>The emulated account's connection string.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync() => _azurite = await DurableAzurite.StartAsync(TimeSpan.FromSeconds(60));

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }
}
