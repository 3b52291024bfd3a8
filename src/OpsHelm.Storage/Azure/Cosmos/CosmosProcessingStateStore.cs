using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>Checkpoints as one document per workspace, mailbox and folder (deterministic id; an upsert replaces it).</summary>
internal sealed class CosmosProcessingStateStore(DocumentContainer records) : IProcessingStateStore
{
    public async Task<IReadOnlyList<ProcessingState>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var documents = await records.QueryAsync(workspaceId, DocumentQuery.Of(workspaceId, DocumentTypes.State), cancellationToken);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.ProcessingState))
            .OrderBy(s => s.Mailbox, StringComparer.Ordinal).ThenBy(s => s.Folder, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(ProcessingState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        WorkspaceRegistry.Check(state.WorkspaceId);
        await records.UpsertAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.State, state.Mailbox, state.Folder),
            WorkspaceId = state.WorkspaceId,
            Type = DocumentTypes.State,
            Data = CosmosJson.ToData(state, StoreJson.Default.ProcessingState),
        }, cancellationToken);
    }
}
