using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Embedded;

/// <summary>Messages for the portal: events by key, the search (keyset-paged, newest first) and what one message raised.</summary>
internal sealed partial class SqliteRecordStore
{
    public async Task<IReadOnlyList<EmailEvent>> FindEventsAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken)
    {
        var events = new List<EmailEvent>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT data FROM email_events WHERE workspace_id = $ws AND event_key = $key;");
        command.Parameters.AddWithValue("$ws", workspaceId);
        var key = command.Parameters.AddWithValue("$key", "");
        foreach (var eventKey in eventKeys.Distinct(StringComparer.Ordinal))
        {
            key.Value = eventKey;
            events.AddRange(await command.ReadJsonAsync(StoreJson.Default.EmailEvent, cancellationToken));
        }
        return events;
    }

    public async Task<MessagePage> SearchEventsAsync(string workspaceId, MessageSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        // One row more than the page tells whether another page follows. instr(lower()) rather than LIKE: the search text
        // is the operator's and may hold % or _, which LIKE would read as wildcards.
        var items = await database.QueryJsonAsync(
            """
            SELECT data FROM email_events
            WHERE workspace_id = $ws
              AND ($category IS NULL OR category = $category)
              AND ($ticket IS NULL OR ticket_id = $ticket COLLATE NOCASE)
              AND ($since IS NULL OR sent_at >= $since)
              AND ($from IS NULL OR instr(lower(COALESCE(json_extract(data, '$.from'), '')), lower($from)) > 0)
              AND ($text IS NULL
                   OR instr(lower(json_extract(data, '$.subject')), lower($text)) > 0
                   OR instr(lower(COALESCE(json_extract(data, '$.from'), '')), lower($text)) > 0
                   OR ticket_id = $text COLLATE NOCASE)
              AND ($afterAt IS NULL OR sent_at < $afterAt OR (sent_at = $afterAt AND event_key < $afterKey))
            ORDER BY sent_at DESC, event_key DESC
            LIMIT $take;
            """,
            StoreJson.Default.EmailEvent, cancellationToken,
            ("$ws", workspaceId),
            ("$category", search.Category?.ToString()),
            ("$ticket", search.TicketId),
            ("$since", search.Since.ToUnixMs()),
            ("$from", search.From),
            ("$text", search.Text),
            ("$afterAt", search.After?.SentAt.ToUnixMs()),
            ("$afterKey", search.After?.EventKey),
            ("$take", search.Limit + 1));
        return MessagePages.Of(items, search.Limit);
    }

    public async Task<MessageRecords> FindMessageRecordsAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        var tasks = await database.QueryJsonAsync(
            "SELECT data FROM tasks WHERE workspace_id = $ws AND json_extract(data, '$.sourceEventKey') = $key ORDER BY due IS NULL, due, created_at, task_id;",
            StoreJson.Default.WorkTask, cancellationToken, ("$ws", workspaceId), ("$key", eventKey));
        var commitments = await database.QueryJsonAsync(
            "SELECT data FROM commitments WHERE workspace_id = $ws AND json_extract(data, '$.sourceEventKey') = $key ORDER BY due IS NULL, due, made_at, commitment_key;",
            StoreJson.Default.Commitment, cancellationToken, ("$ws", workspaceId), ("$key", eventKey));
        var exceptions = await database.QueryJsonAsync(
            "SELECT data FROM exceptions WHERE workspace_id = $ws AND event_key = $key ORDER BY created_at DESC, rowid DESC;",
            StoreJson.Default.ExceptionRecord, cancellationToken, ("$ws", workspaceId), ("$key", eventKey));
        return new MessageRecords(tasks, commitments, exceptions);
    }
}
