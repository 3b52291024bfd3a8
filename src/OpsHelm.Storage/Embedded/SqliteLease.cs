using Microsoft.Data.Sqlite;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// A connection for one store call: the flow's open page (its connection, transaction and prepared statements, left open), or
/// a pooled connection of its own that the lease closes with the commands it made.
/// </summary>
internal sealed class SqliteLease : IAsyncDisposable
{
    private readonly SqlitePage? _page;
    private List<SqliteCommand>? _commands;

    public SqliteLease(SqlitePage page)
    {
        _page = page;
        Connection = page.Connection;
        Transaction = page.Transaction;
    }

    public SqliteLease(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The page's transaction, or null outside a page.</summary>
    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>True when the call writes inside a page.</summary>
    public bool InPage => _page is not null;

    /// <summary>A command for <paramref name="sql"/> (prepared once per page inside one); callers never dispose it.</summary>
    public SqliteCommand Statement(string sql)
    {
        if (_page is not null)
        {
            return _page.Statement(sql);
        }
        var command = Connection.Command(sql, Transaction);
        (_commands ??= []).Add(command);
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit: its own BEGIN IMMEDIATE transaction outside a page, a SAVEPOINT inside one.
    /// The unit is kept when <paramref name="work"/> returns true and rolled back when it returns false or throws.
    /// </summary>
    public async Task<T> InUnitAsync<T>(Func<Task<(bool Keep, T Result)>> work)
    {
        if (_page is not null)
        {
            _page.Savepoint("unit");
            try
            {
                var (keep, result) = await work();
                if (keep)
                {
                    _page.Release("unit");
                }
                else
                {
                    _page.RollbackTo("unit");
                }
                return result;
            }
            catch
            {
                _page.RollbackTo("unit");
                throw;
            }
        }
        await using var transaction = Connection.BeginTransaction(deferred: false);
        Transaction = transaction;
        foreach (var command in _commands ?? [])
        {
            command.Transaction = transaction;
        }
        try
        {
            var (keep, result) = await work();
            if (keep)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
            return result;
        }
        finally
        {
            Transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null)
        {
            return;
        }
        foreach (var command in _commands ?? [])
        {
            await command.DisposeAsync();
        }
        await Connection.DisposeAsync();
    }
}
