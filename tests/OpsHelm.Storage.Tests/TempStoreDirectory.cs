using Microsoft.Data.Sqlite;

namespace OpsHelm.Storage.Tests;

/// <summary>A fresh directory per test, removed afterwards.</summary>
internal sealed class TempStoreDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opshelm-storage-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
