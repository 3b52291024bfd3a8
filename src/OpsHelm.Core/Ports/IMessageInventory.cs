using OpsHelm.Core.Messages;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Ports;

/// <summary>A provider's own list of a mailbox's messages, for reconciliation: what exists, and fetching what was missed.</summary>
public interface IMessageInventory
{
    /// <summary>The provider message ids of every message in <paramref name="mailbox"/> (Inbox, allowed folders, Sent Items) received in the window.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(WorkspaceConfig workspace, MailboxConfig mailbox, MessageWindow window, CancellationToken cancellationToken);

    /// <summary>Fetches the messages with <paramref name="providerMessageIds"/>, each as a source item (a failure item when it cannot be read).</summary>
    IAsyncEnumerable<SourceItem> FetchAsync(WorkspaceConfig workspace, MailboxConfig mailbox, IReadOnlyList<string> providerMessageIds, CancellationToken cancellationToken);
}
