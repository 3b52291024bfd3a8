using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Work;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// The store-backed work queue as documents of type <c>work</c> in the workspace's partition: <c>status</c> is the state,
/// <c>sortAt</c> when the item is visible (a Leased item's lease expiry), <c>lookup</c> its run. Every state change is an
/// ETag-conditional replace, so two workers never both take or finish one lease. Ordering is done here, not by the server
/// (the local emulator has no ORDER BY).
/// </summary>
internal sealed class CosmosWorkQueue(DocumentContainer records, TimeProvider time) : IWorkQueue
{
    public async Task EnqueueAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            WorkspaceRegistry.Check(item.WorkspaceId);
            // Create fails quietly on an existing id: a re-read page changes nothing.
            await records.CreateAsync(Document(item, item.VisibleAt), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<WorkItem>> LeaseAsync(string workspaceId, int max, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var visible = await records.QueryAsync(workspaceId,
            DocumentQuery.Of(workspaceId, DocumentTypes.Work, "(c.status = 'pending' OR c.status = 'leased') AND c.sortAt <= @now")
                .WithParameter("@now", now.ToUnixTimeMilliseconds()), cancellationToken);
        var leased = new List<WorkItem>(max);
        foreach (var document in visible.Select(d => (Document: d, Item: CosmosJson.FromData(d, StoreJson.Default.WorkItem)))
                     .OrderBy(x => x.Item.RunId, StringComparer.Ordinal).ThenBy(x => x.Item.Position))
        {
            if (leased.Count == max)
            {
                break;
            }
            if (await TakeAsync(document.Document, document.Item, now, leaseFor, cancellationToken) is { } item)
            {
                leased.Add(item);
            }
        }
        return leased;
    }

    public async Task<WorkItem?> LeaseOneAsync(string workspaceId, string itemId, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var document = await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Work, itemId), cancellationToken);
        if (document is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var item = CosmosJson.FromData(document, StoreJson.Default.WorkItem);
        var visibleAt = item.State == WorkItemState.Leased ? item.LeaseUntil ?? item.VisibleAt : item.VisibleAt;
        return item.State is WorkItemState.Pending or WorkItemState.Leased && visibleAt <= now
            ? await TakeAsync(document, item, now, leaseFor, cancellationToken)
            : null;
    }

    public Task<bool> CompleteAsync(WorkItem leased, ItemSummary summary, CancellationToken cancellationToken) =>
        FinishAsync(leased, leased.Completed(summary), cancellationToken);

    public Task<bool> RetryLaterAsync(WorkItem leased, string error, DateTimeOffset visibleAt, CancellationToken cancellationToken) =>
        FinishAsync(leased, leased.RetriedAt(error, visibleAt), cancellationToken);

    public Task<bool> DeadLetterAsync(WorkItem leased, string error, ItemSummary summary, CancellationToken cancellationToken) =>
        FinishAsync(leased, leased.DeadLettered(error, summary), cancellationToken);

    public async Task<RunTally> TallyAsync(string workspaceId, string runId, CancellationToken cancellationToken)
    {
        var items = (await records.QueryAsync(workspaceId,
                DocumentQuery.Of(workspaceId, DocumentTypes.Work, "c.lookup = @run").WithParameter("@run", runId), cancellationToken))
            .Select(d => CosmosJson.FromData(d, StoreJson.Default.WorkItem))
            .OrderBy(i => i.Position)
            .ToList();
        return RunTally.Of(items);
    }

    public async Task<IReadOnlyList<WorkItem>> ListOverdueAsync(string workspaceId, DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        (await records.QueryAsync(workspaceId,
            DocumentQuery.Of(workspaceId, DocumentTypes.Work, "(c.status = 'pending' OR c.status = 'leased') AND c.sortAt < @before")
                .WithParameter("@before", before.ToUnixTimeMilliseconds()), cancellationToken))
            .Select(d => CosmosJson.FromData(d, StoreJson.Default.WorkItem))
            .OrderBy(i => i.RunId, StringComparer.Ordinal).ThenBy(i => i.Position)
            .Take(Math.Max(0, max))
            .ToList();

    public async Task<int> CountUnfinishedAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await records.QueryAsync(workspaceId,
            DocumentQuery.Of(workspaceId, DocumentTypes.Work, "(c.status = 'pending' OR c.status = 'leased')"), cancellationToken)).Count;

    private async Task<WorkItem?> TakeAsync(RecordDocument document, WorkItem item, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var leased = item.LeasedAt(now, leaseFor);
        // Another worker that replaced the document first wins; this one skips the item.
        return await records.ReplaceAsync(Document(leased, leased.LeaseUntil!.Value), document.ETag!, cancellationToken) is null ? null : leased;
    }

    private async Task<bool> FinishAsync(WorkItem leased, WorkItem finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leased);
        var document = await records.ReadAsync(leased.WorkspaceId, DocumentIds.For(DocumentTypes.Work, leased.Id), cancellationToken);
        if (document is null)
        {
            return false;
        }
        var current = CosmosJson.FromData(document, StoreJson.Default.WorkItem);
        if (current.State != WorkItemState.Leased || current.LeaseToken != leased.LeaseToken)
        {
            return false;
        }
        return await records.ReplaceAsync(Document(finished, finished.VisibleAt), document.ETag!, cancellationToken) is not null;
    }

    private static RecordDocument Document(WorkItem item, DateTimeOffset visibleAt) => new()
    {
        Id = DocumentIds.For(DocumentTypes.Work, item.Id),
        WorkspaceId = item.WorkspaceId,
        Type = DocumentTypes.Work,
        SortAt = visibleAt.ToUnixTimeMilliseconds(),
        Status = item.State.ToString().ToLowerInvariant(),
        Lookup = item.RunId,
        Data = CosmosJson.ToData(item, StoreJson.Default.WorkItem),
    };
}
