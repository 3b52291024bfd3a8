using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpsHelm.Storage.Tests.Embedded;

/// <summary>
/// Counts what SQLite executes on every connection the store opens: statements started (trace) and virtual-machine
/// instructions (a progress handler called after each). Both are deterministic: a scan shows as instructions that grow with
/// the rows it visits, an extra lookup as a statement; time never enters.
/// </summary>
internal sealed class SqliteMeter
{
    private readonly delegate_trace _trace;
    private readonly delegate_progress _progress;

    public SqliteMeter()
    {
        _trace = (_, _) => Statements++;
        _progress = _ =>
        {
            Instructions++;
            return 0;
        };
    }

    public long Statements { get; private set; }

    public long Instructions { get; private set; }

    /// <summary>Meters <paramref name="connection"/> from now on (set again on every open: pooled connections come back).</summary>
    public void Attach(SqliteConnection connection)
    {
        raw.sqlite3_trace(connection.Handle, _trace, null);
        raw.sqlite3_progress_handler(connection.Handle, 1, _progress, null);
    }

    public (long Statements, long Instructions) Read() => (Statements, Instructions);
}
