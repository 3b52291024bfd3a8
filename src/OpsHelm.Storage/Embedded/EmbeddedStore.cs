using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// The embedded default store: <c>opshelm.db</c> (SQLite, WAL) and an <c>attachments/</c> folder in one directory.
/// Opening creates what is missing and migrates the schema; the ports share the file.
/// </summary>
public sealed class EmbeddedStore : IDisposable, IAsyncDisposable
{
    /// <summary>File name of the database inside the store directory.</summary>
    public const string DatabaseFileName = "opshelm.db";

    /// <summary>Folder name of the attachments inside the store directory.</summary>
    public const string AttachmentsFolderName = "attachments";

    private readonly SqliteDatabase _database;

    private EmbeddedStore(string directory, SqliteDatabase database, FileAttachmentStore attachments, TimeProvider time, WorkspaceLockOptions lockOptions, int migrationsApplied)
    {
        Directory = directory;
        _database = database;
        MigrationsApplied = migrationsApplied;
        Records = new SqliteRecordStore(database);
        States = new SqliteProcessingStateStore(database);
        Attachments = attachments;
        Locks = new SqliteWorkspaceLock(database, time, lockOptions);
        Health = new SqliteSourceHealthStore(database);
        Subscriptions = new SqliteSubscriptionStore(database);
        PushInbox = new SqlitePushInbox(database);
        Archive = new SqliteMessageArchive(database);
        WorkQueue = new SqliteWorkQueue(database, time);
    }

    /// <summary>The store directory (full path).</summary>
    public string Directory { get; }

    /// <summary>The SQLite database file (full path).</summary>
    public string DatabasePath => _database.Path;

    /// <summary>Events, tickets, tasks, commitments, exceptions and runs.</summary>
    public IRecordStore Records { get; }

    /// <summary>Checkpoints per workspace, mailbox and folder.</summary>
    public IProcessingStateStore States { get; }

    /// <summary>Attachment bytes and their metadata.</summary>
    public IAttachmentStore Attachments { get; }

    /// <summary>The per-workspace run lock, shared by every process that opens the same directory.</summary>
    public IWorkspaceLock Locks { get; }

    /// <summary>Connection state and incidents of every source.</summary>
    public ISourceHealthStore Health { get; }

    /// <summary>Graph subscriptions and Gmail watches.</summary>
    public ISubscriptionStore Subscriptions { get; }

    /// <summary>Verified pushes waiting for their pull.</summary>
    public IPushInbox PushInbox { get; }

    /// <summary>One SQLite transaction per page of a run, a savepoint per message: what the records, archive, attachments and checkpoints write from the run's flow.</summary>
    public IPageTransactions Pages => _database;

    /// <summary>The database file's connections (tests meter statements through it).</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Archived messages.</summary>
    public IMessageArchive Archive { get; }

    /// <summary>The store-backed work queue.</summary>
    public IWorkQueue WorkQueue { get; }

    /// <summary>How many schema migrations this open applied (0 when the database was current).</summary>
    internal int MigrationsApplied { get; }

    /// <summary>Opens (creating and migrating as needed) the store in <paramref name="directory"/>.</summary>
    public static EmbeddedStore Open(string directory, TimeProvider time) => Open(directory, time, WorkspaceLockOptions.Default);

    /// <summary>Opens the store with workspace locks that lapse <paramref name="lockLease"/> after their holder stopped renewing them.</summary>
    public static EmbeddedStore Open(string directory, TimeProvider time, TimeSpan lockLease) =>
        Open(directory, time, WorkspaceLockOptions.Default with { LeaseTtl = lockLease, RenewEvery = lockLease / 4 });

    internal static EmbeddedStore Open(string directory, TimeProvider time, WorkspaceLockOptions lockOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        var root = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(root);
        var attachmentsRoot = Path.Combine(root, AttachmentsFolderName);
        System.IO.Directory.CreateDirectory(attachmentsRoot);

        var database = new SqliteDatabase(Path.Combine(root, DatabaseFileName));
        try
        {
            int applied;
            using (var connection = database.Open())
            {
                database.EnableWriteAheadLog(connection);
                applied = SchemaMigrations.Apply(connection, time);
            }
            return new EmbeddedStore(root, database, new FileAttachmentStore(attachmentsRoot, database, time), time, lockOptions, applied);
        }
        catch
        {
            database.Close();
            throw;
        }
    }

    /// <summary>Releases the database file (closes pooled connections).</summary>
    public void Dispose() => _database.Close();

    /// <summary>Releases the database file (closes pooled connections).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
