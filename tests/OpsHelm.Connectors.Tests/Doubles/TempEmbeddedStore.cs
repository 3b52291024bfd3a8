using Microsoft.Data.Sqlite;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>
/// The real embedded store in a fresh temporary directory, removed on dispose: local stores are not faked,
/// only what leaves the machine is.
/// </summary>
internal sealed class TempEmbeddedStore : IAsyncDisposable
{
    private TempEmbeddedStore(string directory, EmbeddedStore store)
    {
        Directory = directory;
        Store = store;
    }

    /// <summary>The temporary directory holding the database.</summary>
    public string Directory { get; }

    /// <summary>The opened store.</summary>
    public EmbeddedStore Store { get; }

    /// <summary>Opens the store in a new directory under the system temp folder.</summary>
    public static TempEmbeddedStore Open(TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "opshelm-connectors-tests", Guid.NewGuid().ToString("n"));
        return new TempEmbeddedStore(directory, EmbeddedStore.Open(directory, time ?? TimeProvider.System));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        // Pooled connections keep the file open (and undeletable on Windows) until the pools are cleared.
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
