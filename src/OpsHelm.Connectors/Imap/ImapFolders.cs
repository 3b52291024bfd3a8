using MailKit;
using MailKit.Net.Imap;

namespace OpsHelm.Connectors.Imap;

/// <summary>The folders read from an IMAP mailbox: Inbox, the Sent folder (by its SPECIAL-USE <c>\Sent</c> flag) and the allowed ones by name.</summary>
internal static class ImapFolders
{
    private static readonly string[] SentNames = ["Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent"];

    /// <summary>The pipeline's folder names and how to find each on the server.</summary>
    public static IEnumerable<(string Folder, Func<ImapClient, CancellationToken, Task<IMailFolder?>> Find)> Of(IReadOnlyList<string> allowed)
    {
        yield return ("inbox", (client, _) => Task.FromResult<IMailFolder?>(client.Inbox));
        yield return ("sentitems", SentAsync);
        foreach (var name in allowed.Where(n => !n.Equals("inbox", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            yield return (name, (client, cancellationToken) => NamedAsync(client, name, cancellationToken));
        }
    }

    private static async Task<IMailFolder?> SentAsync(ImapClient client, CancellationToken cancellationToken)
    {
        // MailKit learns the special-use folders at login when the server announces SPECIAL-USE (or Gmail's XLIST).
        if ((client.Capabilities & (ImapCapabilities.SpecialUse | ImapCapabilities.XList)) != 0 && client.GetFolder(SpecialFolder.Sent) is { } sent)
        {
            return sent;
        }
        foreach (var name in SentNames)
        {
            if (await NamedAsync(client, name, cancellationToken) is { } folder)
            {
                return folder;
            }
        }
        return null;
    }

    private static async Task<IMailFolder?> NamedAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }
}
