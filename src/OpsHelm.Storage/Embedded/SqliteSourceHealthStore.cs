using System.Text.Json;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Embedded;

/// <summary>Source states and incidents in the embedded SQLite file; every statement is scoped by workspace id.</summary>
internal sealed class SqliteSourceHealthStore(SqliteDatabase database) : ISourceHealthStore
{
    public async Task<SourceHealth?> GetAsync(string workspaceId, string sourceId, CancellationToken cancellationToken)
    {
        var found = await database.QueryJsonAsync(
            "SELECT data FROM source_health WHERE workspace_id = $ws AND source_id = $source;",
            StoreJson.Default.SourceHealth, cancellationToken, ("$ws", workspaceId), ("$source", sourceId));
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<SourceHealth>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            "SELECT data FROM source_health WHERE workspace_id = $ws ORDER BY source_id;",
            StoreJson.Default.SourceHealth, cancellationToken, ("$ws", workspaceId));
    }

    public async Task SaveAsync(SourceHealth health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO source_health (workspace_id, source_id, data) VALUES ($ws, $source, $data)
            ON CONFLICT (workspace_id, source_id) DO UPDATE SET data = excluded.data;
            """)
            .With("$ws", health.WorkspaceId)
            .With("$source", health.SourceId)
            .With("$data", JsonSerializer.Serialize(health, StoreJson.Default.SourceHealth));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveIncidentAsync(SourceIncident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO source_incidents (workspace_id, incident_id, source_id, status, opened_at, data)
            VALUES ($ws, $id, $source, $status, $opened, $data)
            ON CONFLICT (workspace_id, incident_id) DO UPDATE SET
                source_id = excluded.source_id, status = excluded.status, opened_at = excluded.opened_at, data = excluded.data;
            """)
            .With("$ws", incident.WorkspaceId)
            .With("$id", incident.Id)
            .With("$source", incident.SourceId)
            .With("$status", incident.Status)
            .With("$opened", incident.OpenedAt.ToUnixMs())
            .With("$data", JsonSerializer.Serialize(incident, StoreJson.Default.SourceIncident));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SourceIncident>> ListIncidentsAsync(string workspaceId, string? status, CancellationToken cancellationToken)
    {
        return await database.QueryJsonAsync(
            """
            SELECT data FROM source_incidents
            WHERE workspace_id = $ws AND ($status IS NULL OR status = $status COLLATE NOCASE)
            ORDER BY opened_at DESC, incident_id;
            """,
            StoreJson.Default.SourceIncident, cancellationToken, ("$ws", workspaceId), ("$status", status));
    }
}
