using Microsoft.Data.Sqlite;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// The embedded store's SQLite file: opens connections with the per-connection settings every caller needs
/// (busy timeout, synchronous=NORMAL). Connections are pooled; each call gets its own, except inside a page
/// (<see cref="BeginPage"/>), where the record, archive, attachment and checkpoint calls of the flow share the page's.
/// </summary>
/// <remarks>
/// synchronous=NORMAL with WAL: a commit is not fsynced, the WAL is at checkpoints. A process crash loses nothing committed;
/// a power cut can lose the last commits but never tears one, and since a page's checkpoint commits with the page's records,
/// what is lost is re-ingested by the next run. FULL would fsync every page commit for no gain in what a run can lose.
/// </remarks>
internal sealed class SqliteDatabase : IPageTransactions
{
    /// <summary>How long a statement waits for another connection's write lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    // temp_store=MEMORY keeps statement journals in memory: a message's savepoint journals the original of every page it
    // touches (about 64 KB), past SQLite's 64 KiB spill threshold, so on the default setting each message wrote it to a temp file.
    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";

    // A page's connection writes far more than one call: a larger page cache keeps the indexes' upper levels. The WAL is
    // checkpointed every 32,768 pages (128 MB) instead of 1,000: a checkpoint writes each page once however often the pages
    // since the last one changed it, and a large store's index leaves change many times in 128 MB (100k messages: 25.3 s at
    // 8,192 pages, 21.7 s at 32,768, no better beyond).
    private const string PagePragmas = "PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 32768;";

    private readonly string _connectionString;
    // The page belongs to the flow that began it (a run's loop); calls from other flows (lock renewals, the API) keep their own connections.
    private readonly AsyncLocal<SqlitePage?> _page = new();
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

    /// <summary>
    /// Called with every connection opened, before its settings run: a fresh connection and one back from the pool then run
    /// the same statements (tests meter statements with it, and the pool's reuse is timing-dependent).
    /// </summary>
    internal Action<SqliteConnection>? Opened { get; set; }

    /// <summary>Starts a page in this flow: one connection and one write transaction until it is committed or disposed.</summary>
    public IPageTransaction BeginPage()
    {
        if (_page.Value is { IsOpen: true })
        {
            throw new InvalidOperationException("A page is already open in this flow; pages do not nest.");
        }
        var connection = Open();
        try
        {
            using (var command = connection.Command(PagePragmas))
            {
                command.ExecuteNonQuery();
            }
            var page = new SqlitePage(this, connection);
            _page.Value = page;
            return page;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The connection for one store call: the flow's open page, or a pooled connection of the call's own.</summary>
    public async ValueTask<SqliteLease> LeaseAsync(CancellationToken cancellationToken) =>
        CurrentPage is { } page ? new SqliteLease(page) : new SqliteLease(await OpenAsync(cancellationToken));

    /// <summary>The page open in this flow, or null.</summary>
    internal SqlitePage? CurrentPage => _page.Value is { IsOpen: true } page ? page : null;

    internal void EndPage(SqlitePage page)
    {
        if (ReferenceEquals(_page.Value, page))
        {
            _page.Value = null;
        }
    }

    public SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Opened?.Invoke(connection);
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
            Opened?.Invoke(connection);
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
        await using var lease = await LeaseAsync(cancellationToken);
        var command = lease.Statement(sql);
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
