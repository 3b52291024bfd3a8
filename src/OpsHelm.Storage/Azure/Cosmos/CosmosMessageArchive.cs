using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>Archived messages as documents of type <c>message</c> in the workspace's partition (bodies are bounded by the connectors).</summary>
internal sealed class CosmosMessageArchive(DocumentContainer records) : IMessageArchive
{
    public async Task SaveAsync(string workspaceId, string eventKey, InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(message);
        WorkspaceRegistry.Check(workspaceId);
        await records.UpsertAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Message, eventKey),
            WorkspaceId = workspaceId,
            Type = DocumentTypes.Message,
            SortAt = message.SentAt.ToUnixTimeMilliseconds(),
            Data = CosmosJson.ToData(message, StoreJson.Default.InboundMessage),
        }, cancellationToken);
    }

    public async Task<InboundMessage?> FindAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
    {
        var document = await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Message, eventKey), cancellationToken);
        return document is null ? null : CosmosJson.FromData(document, StoreJson.Default.InboundMessage);
    }
}
