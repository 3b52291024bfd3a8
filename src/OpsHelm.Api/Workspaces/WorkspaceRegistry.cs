using OpsHelm.Core.Workspaces;

namespace OpsHelm.Api.Workspaces;

/// <summary>The workspaces the app serves, read once at start-up from their configuration files.</summary>
public sealed class WorkspaceRegistry
{
    private readonly Dictionary<string, WorkspaceConfig> _byId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WorkspaceProfile> _profiles = new(StringComparer.Ordinal);

    /// <summary>A registry of <paramref name="configs"/>; two configs with one id are an error.</summary>
    public WorkspaceRegistry(IEnumerable<WorkspaceConfig> configs)
    {
        _byId = new Dictionary<string, WorkspaceConfig>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            if (!_byId.TryAdd(config.Id, config))
            {
                throw new WorkspaceConfigException($"workspace '{config.Id}' is configured twice");
            }
        }
    }

    /// <summary>Every workspace, by id.</summary>
    public IReadOnlyCollection<WorkspaceConfig> All => _byId.Values;

    /// <summary>True when the workspace is configured.</summary>
    public bool Contains(string workspaceId) => _byId.ContainsKey(workspaceId);

    /// <summary>The workspace's configuration, or null.</summary>
    public WorkspaceConfig? Find(string workspaceId) => _byId.GetValueOrDefault(workspaceId);

    /// <summary>The compiled profile of a configured workspace, built once.</summary>
    public WorkspaceProfile ProfileOf(string workspaceId) =>
        _profiles.GetOrAdd(workspaceId, id => new WorkspaceProfile(Find(id) ?? throw new KeyNotFoundException($"workspace '{id}' is not configured")));

    /// <summary>Reads every file in <paramref name="paths"/>; throws <see cref="WorkspaceConfigException"/> naming the file that is wrong.</summary>
    public static WorkspaceRegistry Load(IEnumerable<string> paths) =>
        new(paths.Select(path => File.Exists(path)
            ? WorkspaceConfigParser.Parse(File.ReadAllText(path), path)
            : throw new WorkspaceConfigException($"{path}: workspace config file not found")));
}
