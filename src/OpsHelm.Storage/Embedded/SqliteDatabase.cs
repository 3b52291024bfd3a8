using Microsoft.Data.Sqlite;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// The embedded store's SQLite file: opens connections with the per-connection settings every caller needs
/// (busy timeout, synchronous=NORMAL). Connections are pooled; each call gets its own.
/// </summary>
internal sealed class SqliteDatabase
{
    /// <summary>How long a statement waits for another connection's write lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private volatile bool _closed;

    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a query whose first column holds JSON records and reads them as <typeparamref name="T"/>.</summary>
    public async Task<IReadOnlyList<T>> QueryJsonAsync<T>(
        string sql, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
        return await command.ReadJsonAsync(type, cancellationToken);
    }

    /// <summary>Switches the file to write-ahead logging (persistent; readers never block the writer).</summary>
    public void EnableWriteAheadLog(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite database '{Path}' could not switch to WAL journal mode (it reports '{mode}').");
        }
    }

    /// <summary>Closes the pooled connections so the file is released; later opens fail.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
