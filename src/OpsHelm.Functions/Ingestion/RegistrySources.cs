using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;
using OpsHelm.Api.Work;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Functions.Ingestion;

/// <summary>The run steps' view of the configured workspaces and their providers' sources.</summary>
public sealed class RegistrySources(WorkspaceRegistry registry, WorkspaceSources sources) : IIngestionSources
{
    /// <inheritdoc />
    public WorkspaceProfile? Find(string workspaceId) => registry.Contains(workspaceId) ? registry.ProfileOf(workspaceId) : null;

    /// <inheritdoc />
    public IMessageSource SourceFor(WorkspaceConfig workspace) => sources.For(workspace);
}
