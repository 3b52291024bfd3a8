using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// Messages for the portal. Events are point-read by key; the search narrows in the partition by sent time and category
/// and orders and pages in the app: the local emulator has no ORDER BY, and the keyset cursor is the same as the embedded store's.
/// </summary>
internal sealed partial class CosmosRecordStore
{
    public async Task<IReadOnlyList<EmailEvent>> FindEventsAsync(string workspaceId, IReadOnlyCollection<string> eventKeys, CancellationToken cancellationToken)
    {
        var found = new List<EmailEvent>();
        var gate = new Lock();
        await Parallel.ForEachAsync(eventKeys.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (eventKey, token) =>
            {
                if (await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Event, eventKey), token) is { } document)
                {
                    var emailEvent = CosmosJson.FromData(document, StoreJson.Default.EmailEvent);
                    lock (gate)
                    {
                        found.Add(emailEvent);
                    }
                }
            });
        return found;
    }

    public async Task<MessagePage> SearchEventsAsync(string workspaceId, MessageSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var filters = new List<string>();
        if (search.Since is not null)
        {
            filters.Add("c.sortAt >= @since");
        }
        if (search.After is not null)
        {
            filters.Add("c.sortAt <= @afterAt");
        }
        if (search.Category is not null)
        {
            filters.Add("c.data.category = @category");
        }
        var query = DocumentQuery.Of(workspaceId, DocumentTypes.Event, filters.Count == 0 ? null : string.Join(" AND ", filters));
        if (search.Since is { } since)
        {
            query = query.WithParameter("@since", since.ToUnixTimeMilliseconds());
        }
        if (search.After is { } after)
        {
            query = query.WithParameter("@afterAt", after.SentAt.ToUnixTimeMilliseconds());
        }
        if (search.Category is { } category)
        {
            query = query.WithParameter("@category", category.ToString());
        }
        var rows = (await records.QueryAsync(workspaceId, query, cancellationToken))
            .Select(d => CosmosJson.FromData(d, StoreJson.Default.EmailEvent))
            .Where(e => Matches(e, search))
            .OrderByDescending(e => e.SentAt.ToUnixTimeMilliseconds()).ThenByDescending(e => e.Key, StringComparer.Ordinal)
            .Take(search.Limit + 1)
            .ToList();
        return MessagePages.Of(rows, search.Limit);
    }

    public async Task<MessageRecords> FindMessageRecordsAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<RecordDocument>> BySourceAsync(string type, string field) =>
            await records.QueryAsync(workspaceId,
                DocumentQuery.Of(workspaceId, type, $"c.data.{field} = @key").WithParameter("@key", eventKey), cancellationToken);

        var tasks = (await BySourceAsync(DocumentTypes.Task, "sourceEventKey")).Select(d => CosmosJson.FromData(d, StoreJson.Default.WorkTask))
            .OrderBy(t => t.Due is null).ThenBy(t => t.Due).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var commitments = (await BySourceAsync(DocumentTypes.Commitment, "sourceEventKey")).Select(d => CosmosJson.FromData(d, StoreJson.Default.Commitment))
            .OrderBy(c => c.Due is null).ThenBy(c => c.Due).ThenBy(c => c.MadeAt).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var exceptions = (await BySourceAsync(DocumentTypes.Exception, "eventKey")).Select(d => CosmosJson.FromData(d, StoreJson.Default.ExceptionRecord))
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();
        return new MessageRecords(tasks, commitments, exceptions);
    }

    private static bool Matches(EmailEvent e, MessageSearch search)
    {
        var from = e.From ?? "";
        if (search.TicketId is { } ticket && !string.Equals(e.TicketId, ticket, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (search.From is { } sender && !from.Contains(sender, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (search.Text is { } text
            && !e.Subject.Contains(text, StringComparison.OrdinalIgnoreCase)
            && !from.Contains(text, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(e.TicketId, text, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (search.After is { } after)
        {
            var at = e.SentAt.ToUnixTimeMilliseconds();
            var last = after.SentAt.ToUnixTimeMilliseconds();
            return at < last || (at == last && string.CompareOrdinal(e.Key, after.EventKey) < 0);
        }
        return true;
    }
}
