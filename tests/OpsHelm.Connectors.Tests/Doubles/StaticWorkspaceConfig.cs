using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>A workspace configuration held in memory.</summary>
internal sealed class StaticWorkspaceConfig(WorkspaceConfig config) : IWorkspaceConfigSource
{
    public Task<WorkspaceConfig> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(config);
}
