using System.Runtime.CompilerServices;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// Gmail's own list of a mailbox's messages for reconciliation: messages.list with <c>after:</c>/<c>before:</c> in epoch
/// seconds over Inbox, Sent and the allowed labels, paged; fetching through messages.get like the history source.
/// </summary>
public sealed class GmailMessageInventory(GmailConnection gmail) : IMessageInventory
{
    private readonly GmailMessageReader _reader = new(gmail.Client, null);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListIdsAsync(WorkspaceConfig workspace, MailboxConfig mailbox, MessageWindow window, CancellationToken cancellationToken)
    {
        // Epoch seconds: Gmail reads them as instants, so the window is not widened to whole days.
        var query = $"after:{window.From.ToUnixTimeSeconds()} before:{window.To.ToUnixTimeSeconds()} {GmailResync.FolderQuery(mailbox)}";
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? pageToken = null;
        do
        {
            var page = await gmail.Client.ListMessagesAsync(mailbox.Address, query, pageToken, gmail.Options.ListPageSize, cancellationToken);
            ids.AddRange(page.Messages.Select(m => m.Id).Where(seen.Add));
            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);
        return ids;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceItem> FetchAsync(
        WorkspaceConfig workspace, MailboxConfig mailbox, IReadOnlyList<string> providerMessageIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0;
        foreach (var id in providerMessageIds)
        {
            position++;
            SourceItem? item;
            try
            {
                item = await _reader.ReadAsync(mailbox.Address, mailbox.Folders, id, position, cancellationToken);
            }
            catch (GmailApiException ex) when (!ex.CredentialRejected)
            {
                item = new SourceItem(position, null, $"Gmail message {id} of {mailbox.Address} could not be read: {ex.Message}", "gmail:" + id);
            }
            if (item is not null)
            {
                yield return item;
            }
        }
    }
}
