using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>A workspace configuration given in the test.</summary>
internal sealed class FixedWorkspaceConfig(WorkspaceConfig config) : IWorkspaceConfigSource
{
    public Task<WorkspaceConfig> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(config);
}
