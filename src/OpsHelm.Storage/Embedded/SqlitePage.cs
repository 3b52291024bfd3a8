using Microsoft.Data.Sqlite;
using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// One page of a run in one SQLite transaction (BEGIN IMMEDIATE: the write lock is taken once per page, not per message), on one
/// connection whose statements are prepared once and reused for every message of the page. Each item is a SAVEPOINT, so a
/// failing item rolls back alone. The stores find the page through <see cref="SqliteDatabase.LeaseAsync"/>.
/// </summary>
internal sealed class SqlitePage : IPageTransaction
{
    private readonly SqliteDatabase _database;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly List<string> _unflushedFiles = [];
    private bool _done;

    public SqlitePage(SqliteDatabase database, SqliteConnection connection)
    {
        _database = database;
        Connection = connection;
        Transaction = connection.BeginTransaction(deferred: false);
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>False once committed or disposed: the stores then open their own connections again.</summary>
    public bool IsOpen => !_done;

    /// <summary>The prepared statement for <paramref name="sql"/>, parameters cleared; owned by the page.</summary>
    public SqliteCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = Connection.Command(sql, Transaction);
            _statements[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    /// <summary>A file the page's rows point at: flushed to disk (with the others, in parallel) before the page commits.</summary>
    public void FlushBeforeCommit(string path) => _unflushedFiles.Add(path);

    public IItemTransaction BeginItem()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        Savepoint("item");
        return new Item(this);
    }

    /// <summary>Runs SAVEPOINT/RELEASE/ROLLBACK TO <paramref name="name"/> as prepared statements (one name nests: the innermost wins).</summary>
    public void Savepoint(string name) => Statement($"SAVEPOINT {name};").ExecuteNonQuery();

    public void Release(string name) => Statement($"RELEASE {name};").ExecuteNonQuery();

    public void RollbackTo(string name)
    {
        Statement($"ROLLBACK TO {name};").ExecuteNonQuery();
        Release(name);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        // No row may outlive a power cut that its file did not: the files' bytes reach the disk before the rows commit.
        await Task.WhenAll(_unflushedFiles.Distinct(StringComparer.Ordinal).Select(path => Task.Run(() => FlushToDisk(path), cancellationToken)));
        Transaction.Commit();
        Close();
    }

    private static void FlushToDisk(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        RandomAccess.FlushToDisk(handle);
    }

    // Not async on purpose: the page leaves the caller's flow in the caller's own execution context.
    public ValueTask DisposeAsync()
    {
        if (!_done)
        {
            Transaction.Rollback();
            Close();
        }
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        _done = true;
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }
        _statements.Clear();
        Transaction.Dispose();
        Connection.Dispose();
        _database.EndPage(this);
    }

    private sealed class Item(SqlitePage page) : IItemTransaction
    {
        private bool _settled;

        public void Complete()
        {
            if (!_settled)
            {
                page.Release("item");
                _settled = true;
            }
        }

        public void Dispose()
        {
            if (!_settled && page.IsOpen)
            {
                page.RollbackTo("item");
                _settled = true;
            }
        }
    }
}
