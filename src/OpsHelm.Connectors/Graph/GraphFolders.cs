using System.Text.Json;

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

    /// <summary>True for Graph's well-known folder names.</summary>
    public static bool IsWellKnown(string folder) => WellKnown.Contains(folder);

    /// <summary>An OData string literal: single quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The Graph id of <paramref name="folder"/>: itself when addressable, else the top-level folder with that display name.</summary>
    public static async Task<string> ResolveAsync(GraphRawClient graph, string mailbox, string folder, CancellationToken cancellationToken)
    {
        if (IsAddressable(folder))
        {
            return folder;
        }
        var request = graph.Client.Users[mailbox].MailFolders.ToGetRequestInformation(c =>
        {
            c.QueryParameters.Filter = $"displayName eq {Literal(folder)}";
            c.QueryParameters.Select = ["id", "displayName"];
            c.QueryParameters.Top = 2;
        });
        using var document = await graph.GetJsonAsync(request, cancellationToken);
        if (document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            && value.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } found && found.StringProperty("id") is { Length: > 0 } id)
        {
            return id;
        }
        throw new GraphPayloadException($"mailbox has no top-level folder named '{folder}'");
    }
}
