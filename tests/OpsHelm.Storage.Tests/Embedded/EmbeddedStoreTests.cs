using Microsoft.Data.Sqlite;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

public sealed class EmbeddedStoreTests : IDisposable
{
    private readonly TempStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Opening_creates_the_directory_the_database_and_the_attachments_folder()
    {
        var nested = Path.Combine(_directory.Path, "a", ".opshelm");

        using var store = EmbeddedStore.Open(nested, new FakeTimeProvider(Samples.Now));

        store.Directory.ShouldBe(Path.GetFullPath(nested));
        File.Exists(Path.Combine(nested, "opshelm.db")).ShouldBeTrue();
        Directory.Exists(Path.Combine(nested, "attachments")).ShouldBeTrue();
    }

    [Fact]
    public void The_database_runs_in_write_ahead_log_mode()
    {
        using var store = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

        Scalar(store.DatabasePath, "PRAGMA journal_mode;").ShouldBe("wal");
    }

    [Fact]
    public async Task Records_survive_closing_and_reopening_the_store()
    {
        await using (var first = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now)))
        {
            await first.Records.RecordAsync(Samples.PlainOutcome("ws", "m1"), _ => throw new InvalidOperationException(), CancellationToken.None);
        }

        await using var second = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

        (await second.Records.HasEventAsync("ws", "email:m1", CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_disposed_store_refuses_further_work()
    {
        var store = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));
        store.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(() => store.Records.HasEventAsync("ws", "email:m1", CancellationToken.None));
    }

    internal static object? Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
