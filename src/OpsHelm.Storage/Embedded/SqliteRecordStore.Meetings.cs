using System.Text.Json;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Embedded;

/// <summary>Meeting dismissals: rows of their own, keyed by event key, never touched by recording an event.</summary>
internal sealed partial class SqliteRecordStore
{
    public async Task<bool> DismissMeetingAsync(string workspaceId, string eventKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var lease = await database.LeaseAsync(cancellationToken);
        var meeting = lease.Statement(
            "SELECT EXISTS (SELECT 1 FROM email_events WHERE workspace_id = $ws AND event_key = $key AND category = $category);")
            .With("$ws", workspaceId)
            .With("$key", eventKey)
            .With("$category", nameof(Category.Meeting));
        {
            if ((long)(await meeting.ExecuteScalarAsync(cancellationToken))! != 1)
            {
                return false;
            }
        }
        var dismiss = lease.Statement("""
            INSERT OR IGNORE INTO meeting_dismissals (workspace_id, event_key, dismissed_at, data)
            VALUES ($ws, $key, $at, $data);
            """)
            .With("$ws", workspaceId)
            .With("$key", eventKey)
            .With("$at", at.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(new MeetingDismissal(workspaceId, eventKey, at), StoreJson.Default.MeetingDismissal));
        await dismiss.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<MeetingDismissal>> ListDismissedMeetingsAsync(string workspaceId, CancellationToken cancellationToken) =>
        await database.QueryJsonAsync(
            "SELECT data FROM meeting_dismissals WHERE workspace_id = $ws ORDER BY event_key;",
            StoreJson.Default.MeetingDismissal, cancellationToken, ("$ws", workspaceId));
}
