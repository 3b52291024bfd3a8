using System.Text.Json;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;

namespace OpsHelm.Connectors.Graph;

/// <summary>Reads one message by id, and turns a message resource into a source item (attachments included).</summary>
internal sealed class GraphMessageReader(GraphRawClient graph, GraphMailOptions options)
{
    /// <summary>Ids in the Prefer header: an immutable id survives moves between folders, so a moved message keeps its key.</summary>
    public const string PreferImmutableIds = "IdType=\"ImmutableId\"";

    private readonly GraphAttachmentReader _attachments = new(graph, options);

    /// <summary>The message with the pipeline's fields (and <paramref name="extraFields"/>), or null when it no longer exists.</summary>
    public async Task<JsonDocument?> GetAsync(string mailbox, string id, CancellationToken cancellationToken, params string[] extraFields)
    {
        var request = graph.Client.Users[mailbox].Messages[id].ToGetRequestInformation(c =>
        {
            c.QueryParameters.Select = [.. GraphMessageFields.Select, .. extraFields];
            c.Headers.Add("Prefer", GraphMessageFields.PreferText);
            c.Headers.Add("Prefer", PreferImmutableIds);
        });
        try
        {
            return await graph.GetJsonAsync(request, cancellationToken);
        }
        catch (Exception ex) when (GraphFailures.IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>The source item of <paramref name="message"/>: mapped with its attachments, or a failure item naming what is wrong.</summary>
    public async Task<SourceItem> ToItemAsync(JsonElement message, string mailbox, string folder, int position, CancellationToken cancellationToken)
    {
        // Content no string can carry (lone surrogates, NUL, bytes that are not UTF-8) is repaired first and said so.
        if (Utf8JsonRepair.Repair(message) is { } repaired)
        {
            using (repaired.Document)
            {
                var item = await ToItemAsync(repaired.Document.RootElement, mailbox, folder, position, cancellationToken);
                return item.Message is { } fixedMessage ? item with { Message = fixedMessage with { Repairs = repaired.Repairs } } : item;
            }
        }
        InboundMessage inbound;
        try
        {
            inbound = GraphMessageMapper.Map(message, mailbox, folder);
        }
        catch (FormatException ex)
        {
            var id = message.ValueKind == JsonValueKind.Object ? message.StringProperty("id") : null;
            return new SourceItem(position, null, $"Graph message {id ?? "(no id)"} in {mailbox}/{folder}: {ex.Message}",
                StableId.Of("graph-item", mailbox, folder, id ?? message.GetRawText()));
        }
        if (message.TryGetProperty("hasAttachments", out var has) && has.ValueKind == JsonValueKind.True)
        {
            inbound = inbound with { Attachments = await _attachments.ReadAsync(mailbox, inbound.ProviderMessageId, cancellationToken) };
        }
        return new SourceItem(position, inbound);
    }
}
