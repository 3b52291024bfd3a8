using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.DurableWorker;

/// <summary>The run steps' view of the one configured workspace, whose source is the <see cref="FakeMailbox"/>.</summary>
public sealed class FakeSources(WorkspaceProfile profile, FakeMailbox mailbox) : IIngestionSources
{
    /// <inheritdoc />
    public WorkspaceProfile? Find(string workspaceId) => workspaceId == profile.Id ? profile : null;

    /// <inheritdoc />
    public IMessageSource SourceFor(WorkspaceConfig workspace) => mailbox;
}
