using OpsHelm.Core.Records;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// Meeting dismissals: one <c>dismissal</c> document per event key in the workspace's partition, apart from the event
/// document, so recording the event again never touches it.
/// </summary>
internal sealed partial class CosmosRecordStore
{
    public async Task<bool> DismissMeetingAsync(string workspaceId, string eventKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        WorkspaceRegistry.Check(workspaceId);
        if (await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Event, eventKey), cancellationToken) is not { } document
            || CosmosJson.FromData(document, StoreJson.Default.EmailEvent).Category != Category.Meeting)
        {
            return false;
        }
        // Create, not upsert: a second dismissal (a double click, a retry) keeps the first one's time.
        await records.CreateAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Dismissal, eventKey),
            WorkspaceId = workspaceId,
            Type = DocumentTypes.Dismissal,
            SortAt = at.ToUnixTimeMilliseconds(),
            Data = CosmosJson.ToData(new MeetingDismissal(workspaceId, eventKey, at), StoreJson.Default.MeetingDismissal),
        }, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<MeetingDismissal>> ListDismissedMeetingsAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ListAsync(workspaceId, DocumentTypes.Dismissal, StoreJson.Default.MeetingDismissal, cancellationToken))
            .OrderBy(d => d.EventKey, StringComparer.Ordinal).ToList();
}
