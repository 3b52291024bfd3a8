using Microsoft.Azure.Cosmos;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// Verified pushes, one document per deterministic notice id: a create that conflicts is a redelivery. Marking one Done is a
/// patch that also sets its TTL, so finished notices leave the container on their own.
/// </summary>
internal sealed class CosmosPushInbox(DocumentContainer records, CosmosStoreOptions options) : IPushInbox
{
    private const string Pending = "pending";

    public async Task<bool> AddAsync(PushNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        WorkspaceRegistry.Check(notice.WorkspaceId);
        return await records.CreateAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Push, notice.Id),
            WorkspaceId = notice.WorkspaceId,
            Type = DocumentTypes.Push,
            SortAt = notice.ReceivedAt.ToUnixTimeMilliseconds(),
            Status = notice.Status.ToLowerInvariant(),
            Data = CosmosJson.ToData(notice, StoreJson.Default.PushNotice),
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PushNotice>> ListPendingAsync(string workspaceId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }
        IEnumerable<RecordDocument> documents = options.ServerSideOrderBy
            ? await records.QueryAsync(workspaceId,
                DocumentQuery.Of(workspaceId, DocumentTypes.Push, "c.status = @status", "ORDER BY c.sortAt ASC, c.id ASC", limit)
                    .WithParameter("@status", Pending), cancellationToken, limit)
            : (await records.QueryAsync(workspaceId,
                DocumentQuery.Of(workspaceId, DocumentTypes.Push, "c.status = @status").WithParameter("@status", Pending), cancellationToken))
                .OrderBy(d => d.SortAt).ThenBy(d => d.Data.GetProperty("id").GetString(), StringComparer.Ordinal).Take(limit);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.PushNotice)).ToList();
    }

    public async Task MarkDoneAsync(string workspaceId, string noticeId, CancellationToken cancellationToken)
    {
        // Absent (never recorded, or already expired after Done): nothing to mark.
        await records.PatchAsync(workspaceId, DocumentIds.For(DocumentTypes.Push, noticeId),
        [
            PatchOperation.Set("/status", "done"),
            PatchOperation.Set("/data/status", "Done"),
            PatchOperation.Set("/ttl", (int)options.DoneNoticeTimeToLive.TotalSeconds),
        ], cancellationToken);
    }
}
