namespace OpsHelm.Storage.Tests;

/// <summary>A fresh directory per test, removed afterwards.</summary>
/// <remarks>
/// Each store releases its own pooled connections when disposed; clearing every pool here would reach into the stores of tests
/// running beside this one (it once made the statement-budget test open fresh connections mid-measurement).
/// </remarks>
internal sealed class TempStoreDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opshelm-storage-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
