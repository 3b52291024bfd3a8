using OpsHelm.Core.Ports;

namespace OpsHelm.Core.Workspaces;

/// <summary>A workspace configuration already in memory (read at start-up, or built by a test), as a run's config source.</summary>
public sealed class LoadedWorkspaceConfig(WorkspaceConfig config) : IWorkspaceConfigSource
{
    /// <inheritdoc />
    public Task<WorkspaceConfig> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(config);
}
