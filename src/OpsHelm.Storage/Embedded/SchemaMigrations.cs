using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpsHelm.Storage.Embedded;

/// <summary>
/// The embedded schema as an ordered list of migrations. <see cref="Apply"/> runs the ones a database has not seen,
/// in one BEGIN IMMEDIATE transaction, and notes each in <c>schema_version</c>; a second open applies nothing.
/// Every table is keyed by workspace first: nothing is read or written across workspaces.
/// Instants in filter/order columns are UTC milliseconds since the Unix epoch; the record itself is JSON in <c>data</c>.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>One step of the schema; never edit a released one, add the next.</summary>
    internal sealed record Migration(int Version, string Name, string Sql);

    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "records", """
            CREATE TABLE email_events (
                workspace_id TEXT NOT NULL,
                event_key    TEXT NOT NULL,
                sent_at      INTEGER NOT NULL,
                category     TEXT NOT NULL,
                ticket_id    TEXT NULL,
                run_id       TEXT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, event_key));
            CREATE INDEX ix_email_events_sent ON email_events (workspace_id, sent_at);

            CREATE TABLE tickets (
                workspace_id  TEXT NOT NULL,
                ticket_id     TEXT NOT NULL,
                system        TEXT NOT NULL,
                status        TEXT NOT NULL,
                last_activity INTEGER NOT NULL,
                data          TEXT NOT NULL,
                PRIMARY KEY (workspace_id, ticket_id));
            CREATE INDEX ix_tickets_activity ON tickets (workspace_id, last_activity);

            CREATE TABLE thread_keys (
                workspace_id TEXT NOT NULL,
                thread_key   TEXT NOT NULL,
                ticket_id    TEXT NOT NULL,
                system       TEXT NOT NULL,
                PRIMARY KEY (workspace_id, thread_key));

            CREATE TABLE tasks (
                workspace_id TEXT NOT NULL,
                task_id      TEXT NOT NULL,
                kind         TEXT NOT NULL,
                status       TEXT NOT NULL,
                ticket_id    TEXT NULL,
                due          INTEGER NULL,
                created_at   INTEGER NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, task_id));
            CREATE INDEX ix_tasks_due ON tasks (workspace_id, due);

            CREATE TABLE commitments (
                workspace_id   TEXT NOT NULL,
                commitment_key TEXT NOT NULL,
                status         TEXT NOT NULL,
                ticket_id      TEXT NULL,
                due            INTEGER NULL,
                made_at        INTEGER NOT NULL,
                data           TEXT NOT NULL,
                PRIMARY KEY (workspace_id, commitment_key));
            CREATE INDEX ix_commitments_due ON commitments (workspace_id, due);

            CREATE TABLE exceptions (
                workspace_id TEXT NOT NULL,
                exception_id TEXT NOT NULL,
                event_key    TEXT NOT NULL,
                reason       TEXT NOT NULL,
                status       TEXT NOT NULL,
                created_at   INTEGER NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, exception_id));
            CREATE INDEX ix_exceptions_status ON exceptions (workspace_id, status, created_at);

            CREATE TABLE processing_state (
                workspace_id TEXT NOT NULL,
                mailbox      TEXT NOT NULL,
                folder       TEXT NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, mailbox, folder));

            CREATE TABLE runs (
                workspace_id TEXT NOT NULL,
                run_id       TEXT NOT NULL,
                started_at   INTEGER NOT NULL,
                status       TEXT NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, run_id));
            CREATE INDEX ix_runs_started ON runs (workspace_id, started_at);

            CREATE TABLE workspace_locks (
                workspace_id TEXT NOT NULL PRIMARY KEY,
                holder       TEXT NOT NULL,
                acquired_at  INTEGER NOT NULL,
                expires_at   INTEGER NOT NULL);
            """),
        new(2, "attachments", """
            CREATE TABLE attachments (
                workspace_id  TEXT NOT NULL,
                attachment_id TEXT NOT NULL,
                event_key     TEXT NOT NULL,
                name          TEXT NOT NULL,
                content_type  TEXT NOT NULL,
                size          INTEGER NOT NULL,
                sha256        TEXT NULL,
                relative_path TEXT NULL,
                stored_at     INTEGER NOT NULL,
                PRIMARY KEY (workspace_id, attachment_id));
            CREATE INDEX ix_attachments_event ON attachments (workspace_id, event_key);
            CREATE INDEX ix_attachments_path ON attachments (workspace_id, relative_path);
            """),
        new(3, "internet message ids", """
            ALTER TABLE email_events ADD COLUMN internet_message_id TEXT NULL;
            UPDATE email_events SET internet_message_id = json_extract(data, '$.internetMessageId');
            CREATE INDEX ix_email_events_internet_id ON email_events (workspace_id, internet_message_id) WHERE internet_message_id IS NOT NULL;
            """),
        new(4, "sources, subscriptions and push inbox", """
            CREATE TABLE source_health (
                workspace_id TEXT NOT NULL,
                source_id    TEXT NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, source_id));

            CREATE TABLE source_incidents (
                workspace_id TEXT NOT NULL,
                incident_id  TEXT NOT NULL,
                source_id    TEXT NOT NULL,
                status       TEXT NOT NULL,
                opened_at    INTEGER NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, incident_id));
            CREATE INDEX ix_source_incidents_status ON source_incidents (workspace_id, status, opened_at);

            CREATE TABLE subscriptions (
                workspace_id    TEXT NOT NULL,
                subscription_id TEXT NOT NULL,
                data            TEXT NOT NULL,
                PRIMARY KEY (workspace_id, subscription_id));
            -- A notification names only the subscription: one id belongs to one workspace.
            CREATE UNIQUE INDEX ux_subscriptions_id ON subscriptions (subscription_id);

            CREATE TABLE push_inbox (
                workspace_id TEXT NOT NULL,
                notice_id    TEXT NOT NULL,
                status       TEXT NOT NULL,
                received_at  INTEGER NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, notice_id));
            CREATE INDEX ix_push_inbox_pending ON push_inbox (workspace_id, status, received_at);
            """),
        new(5, "meeting dismissals", """
            -- Apart from email_events: a dismissal outlives any later sync of the event it names.
            CREATE TABLE meeting_dismissals (
                workspace_id TEXT NOT NULL,
                event_key    TEXT NOT NULL,
                dismissed_at INTEGER NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, event_key));
            """),
        new(6, "message archive and work queue", """
            CREATE TABLE message_archive (
                workspace_id TEXT NOT NULL,
                event_key    TEXT NOT NULL,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, event_key));

            CREATE TABLE work_items (
                workspace_id TEXT NOT NULL,
                item_id      TEXT NOT NULL,
                run_id       TEXT NOT NULL,
                position     INTEGER NOT NULL,
                state        TEXT NOT NULL,
                visible_at   INTEGER NOT NULL,
                lease_token  TEXT,
                data         TEXT NOT NULL,
                PRIMARY KEY (workspace_id, item_id));
            CREATE INDEX ix_work_items_visible ON work_items (workspace_id, state, visible_at);
            CREATE INDEX ix_work_items_run ON work_items (workspace_id, run_id, state);
            """),
        new(7, "message-id lookups by index", """
            -- Version 3's index lacked sent_at: the lookup's ORDER BY sent_at made SQLite walk ix_email_events_sent over the
            -- whole workspace instead, once per message, so ingest slowed as the store grew.
            DROP INDEX ix_email_events_internet_id;
            CREATE INDEX ix_email_events_internet_id ON email_events (workspace_id, internet_message_id, sent_at) WHERE internet_message_id IS NOT NULL;
            """),
        new(8, "message search", """
            -- The portal's message search: a ticket's messages newest first, and the keyset order (sent_at, event_key).
            CREATE INDEX ix_email_events_ticket ON email_events (workspace_id, ticket_id COLLATE NOCASE, sent_at);
            CREATE INDEX ix_email_events_newest ON email_events (workspace_id, sent_at DESC, event_key DESC);
            """),
    ];

    /// <summary>Applies the migrations <paramref name="connection"/>'s database lacks; returns how many ran.</summary>
    public static int Apply(SqliteConnection connection, TimeProvider time)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.Command(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
            transaction))
        {
            create.ExecuteNonQuery();
        }
        long current;
        using (var read = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version;", transaction))
        {
            current = (long)read.ExecuteScalar()!;
        }
        var latest = All[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {current}, newer than this OpsHelm knows ({latest}). Use a newer OpsHelm.");
        }
        var applied = 0;
        foreach (var migration in All.Where(m => m.Version > current))
        {
            using (var step = connection.Command(migration.Sql, transaction))
            {
                step.ExecuteNonQuery();
            }
            using var note = connection.Command("INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at);", transaction)
                .With("$version", migration.Version)
                .With("$name", migration.Name)
                .With("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            note.ExecuteNonQuery();
            applied++;
        }
        transaction.Commit();
        return applied;
    }
}
