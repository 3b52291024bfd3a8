using Microsoft.Data.Sqlite;

namespace OpsHelm.Functions.Tests.Fuzz;

/// <summary>
/// Watches the embedded store's SQLite file from a read-only connection of its own: <c>PRAGMA data_version</c> changes
/// whenever another connection committed anything (an insert, update or delete in any table), and the row counts per
/// table say what changed.
/// </summary>
public sealed class StoreWatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly IReadOnlyList<string> _tables;

    /// <summary>Opens the watch on <paramref name="databasePath"/>.</summary>
    public StoreWatch(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        _tables = tables;
    }

    /// <summary>The data version: it differs from an earlier reading exactly when something was committed in between.</summary>
    public long Version()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Rows per table.</summary>
    public IReadOnlyDictionary<string, long> Counts()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in _tables)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            counts[table] = (long)command.ExecuteScalar()!;
        }
        return counts;
    }

    /// <summary>The tables whose counts differ between <paramref name="before"/> and <paramref name="after"/>, as text.</summary>
    public static string Difference(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        var changed = after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key} {before.GetValueOrDefault(a.Key)}→{a.Value}").ToList();
        return changed.Count == 0 ? "no row counts changed (rows were updated in place)" : string.Join(", ", changed);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
