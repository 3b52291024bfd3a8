using System.Collections.Concurrent;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>Source health and incidents in memory.</summary>
internal sealed class InMemorySourceHealthStore : ISourceHealthStore
{
    private readonly ConcurrentDictionary<(string, string), SourceHealth> _health = new();
    private readonly ConcurrentDictionary<string, SourceIncident> _incidents = new();

    public Task<SourceHealth?> GetAsync(string workspaceId, string sourceId, CancellationToken cancellationToken) =>
        Task.FromResult(_health.TryGetValue((workspaceId, sourceId), out var h) ? h : null);

    public Task<IReadOnlyList<SourceHealth>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceHealth>>(_health.Values.Where(h => h.WorkspaceId == workspaceId).ToList());

    public Task SaveAsync(SourceHealth health, CancellationToken cancellationToken)
    {
        _health[(health.WorkspaceId, health.SourceId)] = health;
        return Task.CompletedTask;
    }

    public Task SaveIncidentAsync(SourceIncident incident, CancellationToken cancellationToken)
    {
        _incidents[incident.Id] = incident;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SourceIncident>> ListIncidentsAsync(string workspaceId, string? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceIncident>>(_incidents.Values
            .Where(i => i.WorkspaceId == workspaceId && (status is null || i.Status == status))
            .OrderByDescending(i => i.OpenedAt).ToList());
}
