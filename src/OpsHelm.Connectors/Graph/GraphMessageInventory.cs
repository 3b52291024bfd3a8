using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Graph;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Graph's own list of a mailbox's messages, for reconciliation: ids received in a window per folder (<c>$select=id</c>,
/// a receivedDateTime range, paged), and fetching messages by id.
/// </summary>
public sealed class GraphMessageInventory : IMessageInventory
{
    private readonly GraphRawClient _graph;
    private readonly GraphMailOptions _options;
    private readonly GraphMessageReader _messages;

    /// <summary>An inventory reading through <paramref name="client"/>.</summary>
    public GraphMessageInventory(GraphServiceClient client, GraphMailOptions options)
    {
        _graph = new GraphRawClient(client, options.MaxResponseBytes);
        _options = options;
        _messages = new GraphMessageReader(_graph, options);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListIdsAsync(WorkspaceConfig workspace, MailboxConfig mailbox, MessageWindow window, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in GraphFolders.Of(mailbox.Folders))
        {
            var folderId = await GraphFolders.ResolveAsync(_graph, mailbox.Address, folder, cancellationToken);
            var request = _graph.Client.Users[mailbox.Address].MailFolders[folderId].Messages.ToGetRequestInformation(c =>
            {
                c.QueryParameters.Select = ["id"];
                c.QueryParameters.Filter = $"receivedDateTime ge {GraphMessageFields.Date(window.From)} and receivedDateTime lt {GraphMessageFields.Date(window.To)}";
                c.QueryParameters.Top = _options.PageSize;
                c.Headers.Add("Prefer", GraphMessageReader.PreferImmutableIds);
            });
            for (var pages = 0; pages < _options.MaxPagesPerFolder; pages++)
            {
                using var document = await _graph.GetJsonAsync(request, cancellationToken);
                if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                {
                    throw new GraphPayloadException("Graph's message list has no 'value' array");
                }
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.StringProperty("id") is { Length: > 0 } id && seen.Add(id))
                    {
                        ids.Add(id);
                    }
                }
                if (GraphLinks.Trusted(document.RootElement.StringProperty("@odata.nextLink"), _graph.BaseUrl) is not { } next)
                {
                    break;
                }
                request = GraphRawClient.Get(next, GraphMessageReader.PreferImmutableIds);
            }
        }
        return ids;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceItem> FetchAsync(WorkspaceConfig workspace, MailboxConfig mailbox, IReadOnlyList<string> providerMessageIds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A fetched message names its folder only by id; map the configured folders' ids back to their names.
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in GraphFolders.Of(mailbox.Folders))
        {
            var id = await FolderIdAsync(mailbox.Address, folder, cancellationToken);
            folders.TryAdd(id, folder);
        }
        var position = 0;
        foreach (var id in providerMessageIds)
        {
            position++;
            using var document = await _messages.GetAsync(mailbox.Address, id, cancellationToken, "parentFolderId");
            if (document is null)
            {
                yield return new SourceItem(position, null, $"Graph message {id} of {mailbox.Address} no longer exists", $"graph-missing:{mailbox.Address}:{id}");
                continue;
            }
            var folder = document.RootElement.StringProperty("parentFolderId") is { } parent && folders.TryGetValue(parent, out var name) ? name : "inbox";
            yield return await _messages.ToItemAsync(document.RootElement, mailbox.Address, folder, position, cancellationToken);
        }
    }

    private async Task<string> FolderIdAsync(string mailbox, string folder, CancellationToken cancellationToken)
    {
        var addressable = await GraphFolders.ResolveAsync(_graph, mailbox, folder, cancellationToken);
        if (!GraphFolders.IsWellKnown(addressable))
        {
            return addressable;
        }
        var request = _graph.Client.Users[mailbox].MailFolders[addressable].ToGetRequestInformation(c => c.QueryParameters.Select = ["id"]);
        using var document = await _graph.GetJsonAsync(request, cancellationToken);
        return document.RootElement.StringProperty("id") ?? throw new GraphPayloadException($"Graph's folder '{folder}' has no id");
    }
}
