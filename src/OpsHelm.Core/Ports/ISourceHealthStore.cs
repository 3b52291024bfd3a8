using OpsHelm.Core.Sources;

namespace OpsHelm.Core.Ports;

/// <summary>Connection state and incidents of every source of a workspace.</summary>
public interface ISourceHealthStore
{
    /// <summary>The state of one source, or null when it has never been seen.</summary>
    Task<SourceHealth?> GetAsync(string workspaceId, string sourceId, CancellationToken cancellationToken);

    /// <summary>Every source of the workspace.</summary>
    Task<IReadOnlyList<SourceHealth>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a source's state.</summary>
    Task SaveAsync(SourceHealth health, CancellationToken cancellationToken);

    /// <summary>Creates or replaces an incident (its id is deterministic, so reopening the same one updates it).</summary>
    Task SaveIncidentAsync(SourceIncident incident, CancellationToken cancellationToken);

    /// <summary>Incidents of the workspace, optionally only those of one status, newest first.</summary>
    Task<IReadOnlyList<SourceIncident>> ListIncidentsAsync(string workspaceId, string? status, CancellationToken cancellationToken);
}
