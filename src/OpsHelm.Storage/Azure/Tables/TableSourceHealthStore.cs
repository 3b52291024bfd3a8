using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>Source states and incidents, each in its own table partitioned by workspace; every write is conditioned on the row's ETag.</summary>
internal sealed class TableSourceHealthStore(EntityTable<SourceHealthEntity> sources, EntityTable<IncidentEntity> incidents) : ISourceHealthStore
{
    public async Task<SourceHealth?> GetAsync(string workspaceId, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        return await sources.GetAsync(TableKeys.For(workspaceId), TableKeys.For(sourceId), cancellationToken) is { } row ? row.ToHealth() : null;
    }

    public async Task<IReadOnlyList<SourceHealth>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        var rows = await sources.ListAsync(TableKeys.For(workspaceId), cancellationToken);
        return rows.Select(r => r.ToHealth()).Where(h => h.WorkspaceId == workspaceId).OrderBy(h => h.SourceId, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(SourceHealth health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentException.ThrowIfNullOrEmpty(health.WorkspaceId);
        await sources.UpdateAsync(TableKeys.For(health.WorkspaceId), TableKeys.For(health.SourceId), _ => SourceHealthEntity.From(health), cancellationToken);
    }

    public async Task SaveIncidentAsync(SourceIncident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentException.ThrowIfNullOrEmpty(incident.WorkspaceId);
        await incidents.UpdateAsync(TableKeys.For(incident.WorkspaceId), TableKeys.For(incident.Id), _ => IncidentEntity.From(incident), cancellationToken);
    }

    public async Task<IReadOnlyList<SourceIncident>> ListIncidentsAsync(string workspaceId, string? status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        var rows = await incidents.ListAsync(TableKeys.For(workspaceId), cancellationToken);
        return rows.Select(r => r.ToIncident())
            .Where(i => i.WorkspaceId == workspaceId && (status is null || string.Equals(i.Status, status, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }
}
