using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Graph;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// New mail of every Graph mailbox of the workspace, by per-folder delta (Inbox, the allowed folders, Sent Items): one batch
/// per page, its checkpoint the page's next or delta link. A lost delta token starts a bounded resync (the store's
/// idempotent keys skip what is already recorded); a mailbox that keeps failing is reported on its health and the others
/// are still read.
/// </summary>
public sealed class GraphMailDeltaSource : IMessageSource
{
    private const string Provider = "Graph";

    private readonly GraphRawClient _graph;
    private readonly GraphMailOptions _options;
    private readonly SourceHealthTracker _health;
    private readonly TimeProvider _time;
    private readonly GraphMessageReader _messages;

    /// <summary>A source reading through <paramref name="client"/>.</summary>
    public GraphMailDeltaSource(GraphServiceClient client, GraphMailOptions options, SourceHealthTracker health, TimeProvider time)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("mail options are invalid: " + string.Join("; ", problems), nameof(options));
        }
        _graph = new GraphRawClient(client, options.MaxResponseBytes);
        _options = options;
        _health = health;
        _time = time;
        _messages = new GraphMessageReader(_graph, options);
    }

    /// <inheritdoc />
    public string Description => "Microsoft Graph mail (delta)";

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var position = 0;
        foreach (var mailbox in workspace.Mailboxes.Where(m => m.Provider.Equals(Provider, StringComparison.OrdinalIgnoreCase)))
        {
            Exception? failure = null;
            string? failedFolder = null;
            foreach (var folder in GraphFolders.Of(mailbox.Folders))
            {
                var link = states.FirstOrDefault(s => s.Mailbox.Equals(mailbox.Address, StringComparison.OrdinalIgnoreCase)
                    && s.Folder.Equals(folder, StringComparison.OrdinalIgnoreCase))?.Checkpoint;
                var from = link is null ? BootstrapFrom(since) : null;
                var resynced = false;
                for (var pages = 0; pages < _options.MaxPagesPerFolder; pages++)
                {
                    var page = await ReadPageAsync(mailbox.Address, folder, link, from, position, cancellationToken);
                    if (page.Error is { } error)
                    {
                        if (GraphFailures.IsSyncStateLost(error) && !resynced)
                        {
                            resynced = true;
                            link = null;
                            from = _time.GetUtcNow().AddDays(-_options.ResyncDays);
                            await _health.RecordResyncAsync(workspace.Id, mailbox.Address,
                                $"Graph lost the delta token of folder '{folder}' ({GraphFailures.Describe(error)}); re-read the last {_options.ResyncDays} days", cancellationToken);
                            continue;
                        }
                        failure = error;
                        failedFolder = folder;
                        break;
                    }
                    position += page.Items.Count;
                    // The runner writes this only once every item of the page is recorded.
                    var checkpoint = new StreamCheckpoint(mailbox.Address, folder, (page.DeltaLink ?? page.NextLink)!, page.LastMessageId);
                    yield return new SourceBatch(page.Items, [checkpoint]);
                    if (page.DeltaLink is not null)
                    {
                        break;
                    }
                    link = page.NextLink;
                }
                if (failure is not null)
                {
                    break;
                }
            }
            if (failure is null)
            {
                await _health.RecordSuccessAsync(workspace.Id, mailbox.Address, Provider, cancellationToken);
            }
            else
            {
                var description = $"folder '{failedFolder}': {GraphFailures.Describe(failure)}";
                await _health.RecordFailureAsync(workspace.Id, mailbox.Address, Provider, description, GraphFailures.IsCredentialRejected(failure), cancellationToken);
                failures.Add($"{mailbox.Address} {description}");
            }
        }
        if (failures.Count > 0)
        {
            throw new GraphSourceException("Graph mail could not be read for " + string.Join("; ", failures));
        }
    }

    private DateTimeOffset? BootstrapFrom(DateTimeOffset? since) =>
        since ?? (_options.BootstrapDays is { } days ? _time.GetUtcNow().AddDays(-days) : null);

    private async Task<GraphDeltaPage> ReadPageAsync(string mailbox, string folder, string? link, DateTimeOffset? from, int position, CancellationToken cancellationToken)
    {
        try
        {
            var request = link is null
                ? await FirstRequestAsync(mailbox, folder, from, cancellationToken)
                : GraphRawClient.Get(GraphLinks.Trusted(link, _graph.BaseUrl)!, GraphMessageFields.PreferText, GraphMessageFields.PreferPageSize(_options.PageSize), GraphMessageReader.PreferImmutableIds);
            using var document = await _graph.GetJsonAsync(request, cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            {
                throw new GraphPayloadException("Graph's delta page has no 'value' array");
            }
            var next = GraphLinks.Trusted(root.StringProperty("@odata.nextLink"), _graph.BaseUrl);
            var delta = GraphLinks.Trusted(root.StringProperty("@odata.deltaLink"), _graph.BaseUrl);
            if (next is null == delta is null)
            {
                throw new GraphPayloadException("Graph's delta page must carry exactly one of @odata.nextLink and @odata.deltaLink");
            }
            var items = new List<SourceItem>(value.GetArrayLength());
            string? lastId = null;
            foreach (var element in value.EnumerateArray())
            {
                if (await ToItemAsync(element, mailbox, folder, position + items.Count + 1, cancellationToken) is { } item)
                {
                    items.Add(item);
                    lastId = item.Message?.ProviderMessageId ?? lastId;
                }
            }
            return new GraphDeltaPage(items, next, delta, lastId);
        }
        catch (Exception ex) when (GraphFailures.IsProviderFailure(ex))
        {
            return GraphDeltaPage.Failed(ex);
        }
    }

    private async Task<Microsoft.Kiota.Abstractions.RequestInformation> FirstRequestAsync(string mailbox, string folder, DateTimeOffset? from, CancellationToken cancellationToken)
    {
        var folderId = await GraphFolders.ResolveAsync(_graph, mailbox, folder, cancellationToken);
        return _graph.Client.Users[mailbox].MailFolders[folderId].Messages.Delta.ToGetRequestInformation(c =>
        {
            c.QueryParameters.Select = GraphMessageFields.Select;
            // Only new messages matter: updates (read flags, moves within the folder) would come back as partial items.
            c.QueryParameters.ChangeType = "created";
            if (from is { } start)
            {
                c.QueryParameters.Filter = $"receivedDateTime ge {GraphMessageFields.Date(start)}";
            }
            c.Headers.Add("Prefer", GraphMessageFields.PreferText);
            c.Headers.Add("Prefer", GraphMessageFields.PreferPageSize(_options.PageSize));
            c.Headers.Add("Prefer", GraphMessageReader.PreferImmutableIds);
        });
    }

    private async Task<SourceItem?> ToItemAsync(JsonElement element, string mailbox, string folder, int position, CancellationToken cancellationToken)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("@removed", out _))
        {
            return null;
        }
        var id = element.ValueKind == JsonValueKind.Object ? element.StringProperty("id") : null;
        if (id is null || !NeedsFullRead(element, folder))
        {
            return await _messages.ToItemAsync(element, mailbox, folder, position, cancellationToken);
        }
        using var full = await _messages.GetAsync(mailbox, id, cancellationToken);
        // Null: deleted since delta listed it.
        return full is null ? null : await _messages.ToItemAsync(full.RootElement, mailbox, folder, position, cancellationToken);
    }

    // Delta may leave properties out (an update carries only what changed; headers are not always there). Sent Items
    // messages have no internet headers at all, so asking again would only cost a request each.
    private bool NeedsFullRead(JsonElement element, string folder) =>
        (!element.TryGetProperty("receivedDateTime", out _) && !element.TryGetProperty("sentDateTime", out _))
        || (_options.FetchMissingHeaders && !folder.Equals("sentitems", StringComparison.OrdinalIgnoreCase)
            && !element.TryGetProperty("internetMessageHeaders", out _));
}
