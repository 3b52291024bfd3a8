using Microsoft.Data.Sqlite;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

public sealed class SchemaMigrationsTests : IDisposable
{
    private readonly TempStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_new_database_gets_every_migration_in_order()
    {
        using var store = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

        store.MigrationsApplied.ShouldBe(SchemaMigrations.All.Count);
        Versions(store.DatabasePath).ShouldBe(SchemaMigrations.All.Select(m => (long)m.Version));
    }

    [Fact]
    public void Opening_an_existing_database_again_applies_no_migration()
    {
        using (EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now)))
        {
        }

        using var again = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));
        using var third = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

        again.MigrationsApplied.ShouldBe(0);
        third.MigrationsApplied.ShouldBe(0);
        Versions(again.DatabasePath).Count.ShouldBe(SchemaMigrations.All.Count);
    }

    [Fact]
    public void A_database_at_an_older_version_gets_only_the_missing_migrations()
    {
        var path = Path.Combine(_directory.Path, "opshelm.db");
        Directory.CreateDirectory(_directory.Path);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
                + SchemaMigrations.All[0].Sql
                + "INSERT INTO schema_version VALUES (1, 'records', '2026-01-01T00:00:00Z');";
            command.ExecuteNonQuery();
        }

        using var store = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

        store.MigrationsApplied.ShouldBe(SchemaMigrations.All.Count - 1);
        Versions(path).ShouldBe(SchemaMigrations.All.Select(m => (long)m.Version));
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        using (EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now)))
        {
        }
        var path = Path.Combine(_directory.Path, "opshelm.db");
        EmbeddedStoreTests.Scalar(path, "INSERT INTO schema_version VALUES (999, 'future', '2030-01-01T00:00:00Z');");

        var error = Should.Throw<InvalidOperationException>(() => EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now)));

        error.Message.ShouldContain("999");
    }

    [Fact]
    public void Migration_versions_are_unique_and_ascending()
    {
        var versions = SchemaMigrations.All.Select(m => m.Version).ToList();

        versions.ShouldBe(Enumerable.Range(1, versions.Count));
    }

    private static List<long> Versions(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }
        return versions;
    }
}
