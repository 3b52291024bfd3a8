using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Calendar events of every Graph mailbox: the upcoming window (<c>calendarView</c>) and the events modified since the last
/// run (<c>events</c> filtered on lastModifiedDateTime), each event once, cancelled ones skipped. One batch per mailbox; its
/// checkpoint (folder "calendar") is the time the read started, from which the next run looks for modifications.
/// </summary>
public sealed class GraphCalendarSource : IMessageSource
{
    private const string Provider = "Graph";
    private const string PreferUtc = "outlook.timezone=\"UTC\"";
    private static readonly string[] Fields =
        ["id", "subject", "body", "organizer", "attendees", "start", "end", "location", "isCancelled", "createdDateTime", "lastModifiedDateTime"];

    // Modifications made while the previous read ran are looked at again; the store's keys skip what is recorded.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private readonly GraphRawClient _graph;
    private readonly GraphCalendarOptions _options;
    private readonly SourceHealthTracker _health;
    private readonly TimeProvider _time;

    /// <summary>A source reading through <paramref name="client"/>.</summary>
    public GraphCalendarSource(GraphServiceClient client, GraphCalendarOptions options, SourceHealthTracker health, TimeProvider time, long maxResponseBytes = 64L * 1024 * 1024)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("calendar options are invalid: " + string.Join("; ", problems), nameof(options));
        }
        _graph = new GraphRawClient(client, maxResponseBytes);
        _options = options;
        _health = health;
        _time = time;
    }

    /// <inheritdoc />
    public string Description => "Microsoft Graph calendar";

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var mailbox in workspace.Mailboxes.Where(m => m.Provider.Equals(Provider, StringComparison.OrdinalIgnoreCase)))
        {
            var now = _time.GetUtcNow();
            var checkpoint = states.FirstOrDefault(s => s.Mailbox.Equals(mailbox.Address, StringComparison.OrdinalIgnoreCase)
                && s.Folder.Equals(GraphEventMapper.Folder, StringComparison.OrdinalIgnoreCase))?.Checkpoint;
            var modifiedSince = DateTimeOffset.TryParse(checkpoint, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var last)
                ? last - Overlap
                : now.AddDays(-_options.RecentlyModifiedDays);
            SourceBatch? batch = null;
            Exception? failure = null;
            try
            {
                batch = await ReadMailboxAsync(mailbox.Address, now, modifiedSince, cancellationToken);
            }
            catch (Exception ex) when (GraphFailures.IsProviderFailure(ex))
            {
                failure = ex;
            }
            if (batch is not null)
            {
                yield return batch;
                await _health.RecordSuccessAsync(workspace.Id, mailbox.Address, Provider, cancellationToken);
            }
            else
            {
                var description = $"calendar: {GraphFailures.Describe(failure!)}";
                await _health.RecordFailureAsync(workspace.Id, mailbox.Address, Provider, description, GraphFailures.IsCredentialRejected(failure!), cancellationToken);
                failures.Add($"{mailbox.Address} {description}");
            }
        }
        if (failures.Count > 0)
        {
            throw new GraphSourceException("Graph calendars could not be read for " + string.Join("; ", failures));
        }
    }

    private async Task<SourceBatch> ReadMailboxAsync(string mailbox, DateTimeOffset now, DateTimeOffset modifiedSince, CancellationToken cancellationToken)
    {
        var upcoming = _graph.Client.Users[mailbox].CalendarView.ToGetRequestInformation(c =>
        {
            c.QueryParameters.StartDateTime = GraphMessageFields.Date(now.AddDays(-_options.PastDays));
            c.QueryParameters.EndDateTime = GraphMessageFields.Date(now.AddDays(_options.UpcomingDays));
            c.QueryParameters.Select = Fields;
            c.QueryParameters.Top = _options.PageSize;
            c.Headers.Add("Prefer", PreferUtc);
            c.Headers.Add("Prefer", GraphMessageFields.PreferText);
        });
        var modified = _graph.Client.Users[mailbox].Events.ToGetRequestInformation(c =>
        {
            c.QueryParameters.Filter = $"lastModifiedDateTime ge {GraphMessageFields.Date(modifiedSince)}";
            c.QueryParameters.Select = Fields;
            c.QueryParameters.Top = _options.PageSize;
            c.Headers.Add("Prefer", PreferUtc);
            c.Headers.Add("Prefer", GraphMessageFields.PreferText);
        });
        var items = new List<SourceItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in new[] { upcoming, modified })
        {
            await ReadPagesAsync(request, mailbox, items, seen, cancellationToken);
        }
        var lastId = items.LastOrDefault(i => i.Message is not null)?.Message!.ProviderMessageId;
        var checkpoint = new StreamCheckpoint(mailbox, GraphEventMapper.Folder, now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), lastId);
        return new SourceBatch(items, [checkpoint]);
    }

    private async Task ReadPagesAsync(RequestInformation request, string mailbox, List<SourceItem> items, HashSet<string> seen, CancellationToken cancellationToken)
    {
        while (seen.Count < _options.MaxEvents)
        {
            using var document = await _graph.GetJsonAsync(request, cancellationToken);
            if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            {
                throw new GraphPayloadException("Graph's event list has no 'value' array");
            }
            foreach (var element in value.EnumerateArray())
            {
                var id = element.ValueKind == JsonValueKind.Object ? element.StringProperty("id") : null;
                if (id is not null && !seen.Add(id))
                {
                    continue;
                }
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("isCancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True)
                {
                    continue;
                }
                try
                {
                    items.Add(new SourceItem(items.Count + 1, GraphEventMapper.Map(element, mailbox)));
                }
                catch (FormatException ex)
                {
                    items.Add(new SourceItem(items.Count + 1, null, $"Graph event {id ?? "(no id)"} of {mailbox}: {ex.Message}",
                        StableId.Of("graph-event", mailbox, id ?? element.GetRawText())));
                }
            }
            if (GraphLinks.Trusted(document.RootElement.StringProperty("@odata.nextLink"), _graph.BaseUrl) is not { } next)
            {
                return;
            }
            request = GraphRawClient.Get(next, PreferUtc, GraphMessageFields.PreferText);
        }
    }
}
