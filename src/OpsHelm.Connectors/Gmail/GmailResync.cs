using System.Runtime.CompilerServices;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// The bounded resync used at bootstrap and when Gmail no longer has our historyId (404): the profile's historyId is
/// taken first (mail arriving meanwhile is in the history after it), then messages.list with <c>after:</c> in epoch
/// seconds, newest first, up to a cap. The listing's pages carry no checkpoint; the last batch carries the profile's
/// historyId, so a resync cut short is simply repeated.
/// </summary>
internal sealed class GmailResync(GmailClient client, GmailMessageReader reader)
{
    /// <summary>Batches of the messages listed since <paramref name="after"/>, then the checkpoint batch.</summary>
    public async IAsyncEnumerable<SourceBatch> RunAsync(
        string workspaceId, MailboxConfig mailbox, DateTimeOffset after, HashSet<string> seen, ResyncTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = client.Options;
        var profile = await client.GetProfileAsync(mailbox.Address, cancellationToken);
        var query = $"after:{after.ToUnixTimeSeconds()} {FolderQuery(mailbox)}";
        string? pageToken = null;
        do
        {
            var room = options.ResyncMaxMessages - tally.Listed;
            var page = await client.ListMessagesAsync(mailbox.Address, query, pageToken, Math.Min(options.ListPageSize, room), cancellationToken);
            var ids = page.Messages.Select(m => m.Id).Take(room).ToList();
            tally.Listed += ids.Count;
            var items = await reader.ReadNewAsync(workspaceId, mailbox, ids, seen, cancellationToken);
            tally.Fetched += items.Count;
            yield return new SourceBatch(items, []);
            pageToken = page.NextPageToken;
        }
        while (pageToken is not null && tally.Listed < options.ResyncMaxMessages);
        tally.Capped = pageToken is not null;
        yield return new SourceBatch([], [new StreamCheckpoint(mailbox.Address, GmailHistorySource.StreamFolder, profile.HistoryId, null)]);
    }

    /// <summary>The folders a mailbox is read from, as a Gmail search: Inbox, Sent and the allowed labels.</summary>
    public static string FolderQuery(MailboxConfig mailbox)
    {
        var terms = new List<string> { "in:inbox", "in:sent" };
        terms.AddRange(mailbox.Folders.Select(f => "label:" + new string(f.Trim().Select(c => char.IsWhiteSpace(c) || c is '"' or '(' or ')' ? '-' : c).ToArray())));
        return "(" + string.Join(" OR ", terms) + ")";
    }
}

/// <summary>What a resync did, for the Resync incident.</summary>
internal sealed class ResyncTally
{
    /// <summary>Message ids listed.</summary>
    public int Listed { get; set; }
    /// <summary>Messages fetched (not seen and not recorded before).</summary>
    public int Fetched { get; set; }
    /// <summary>True when the cap stopped the listing.</summary>
    public bool Capped { get; set; }
}
