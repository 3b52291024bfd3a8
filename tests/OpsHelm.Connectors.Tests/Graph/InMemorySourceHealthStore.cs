using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>Source health and incidents in memory (the SQLite store is another helper's).</summary>
public sealed class InMemorySourceHealthStore : ISourceHealthStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), SourceHealth> _health = [];
    private readonly Dictionary<string, SourceIncident> _incidents = [];

    public Task<SourceHealth?> GetAsync(string workspaceId, string sourceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_health.GetValueOrDefault((workspaceId, sourceId)));
        }
    }

    public Task<IReadOnlyList<SourceHealth>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SourceHealth>>([.. _health.Values.Where(h => h.WorkspaceId == workspaceId)]);
        }
    }

    public Task SaveAsync(SourceHealth health, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _health[(health.WorkspaceId, health.SourceId)] = health;
        }
        return Task.CompletedTask;
    }

    public Task SaveIncidentAsync(SourceIncident incident, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _incidents[incident.Id] = incident;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SourceIncident>> ListIncidentsAsync(string workspaceId, string? status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SourceIncident>>([.. _incidents.Values
                .Where(i => i.WorkspaceId == workspaceId && (status is null || i.Status == status))
                .OrderByDescending(i => i.OpenedAt)]);
        }
    }
}
