using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Ports;

/// <summary>What a run step needs to know about a workspace by its id: its compiled configuration and the source its pull reads.</summary>
public interface IIngestionSources
{
    /// <summary>The workspace's profile, or null when it is not configured.</summary>
    WorkspaceProfile? Find(string workspaceId);

    /// <summary>The source a pull of <paramref name="workspace"/> reads (mail, calendar, deliveries of its providers).</summary>
    IMessageSource SourceFor(WorkspaceConfig workspace);
}
