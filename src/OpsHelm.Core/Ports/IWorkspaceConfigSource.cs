using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Ports;

/// <summary>Where a run's workspace configuration comes from (step 1).</summary>
public interface IWorkspaceConfigSource
{
    /// <summary>Loads the configuration; throws <see cref="WorkspaceConfigException"/> when it is missing or invalid.</summary>
    Task<WorkspaceConfig> LoadAsync(CancellationToken cancellationToken);
}
