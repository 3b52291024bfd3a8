namespace OpsHelm.Connectors.Graph;

/// <summary>Which folders of a mailbox are read, and how a configured folder becomes a Graph folder id.</summary>
internal static class GraphFolders
{
    /// <summary>Graph's well-known folder names, usable in place of an id.</summary>
    private static readonly HashSet<string> WellKnown = new(StringComparer.OrdinalIgnoreCase)
    {
        "archive", "clutter", "conflicts", "conversationhistory", "deleteditems", "drafts", "inbox", "junkemail",
        "localfailures", "msgfolderroot", "outbox", "recoverableitemsdeletions", "scheduled", "searchfolders",
        "sentitems", "serverfailures", "syncissues",
    };

    /// <summary>Inbox, the allowed folders, then Sent Items, each once, as the pipeline names them.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> allowed)
    {
        var folders = new List<string> { "inbox" };
        foreach (var folder in allowed.Where(f => !string.IsNullOrWhiteSpace(f)).Select(GraphMessageMapper.NormalizeFolder))
        {
            if (!folders.Contains(folder, StringComparer.OrdinalIgnoreCase) && !folder.Equals("sentitems", StringComparison.OrdinalIgnoreCase))
            {
                folders.Add(folder);
            }
        }
        folders.Add("sentitems");
        return folders;
    }

    /// <summary>True when <paramref name="folder"/> can go into a URL as it is (a well-known name or a Graph id).</summary>
    public static bool IsAddressable(string folder) =>
        WellKnown.Contains(folder) || (folder.Length >= 60 && folder.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '+' or '/'));

    /// <summary>An OData string literal: single quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
