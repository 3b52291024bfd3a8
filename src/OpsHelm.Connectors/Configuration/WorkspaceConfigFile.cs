using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Configuration;

/// <summary>A workspace configuration read from a JSON file.</summary>
public sealed class WorkspaceConfigFile(string path) : IWorkspaceConfigSource
{
    /// <inheritdoc />
    public async Task<WorkspaceConfig> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new WorkspaceConfigException($"{path}: workspace config file not found");
        }
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        return WorkspaceConfigParser.Parse(json, path);
    }
}
