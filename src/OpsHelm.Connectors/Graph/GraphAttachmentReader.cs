using System.Text.Json;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Reads a message's attachments: their metadata in one call, then the bytes of each file attachment within the size
/// limit. Too big, unreadable, item and reference attachments stay as metadata; the message itself never fails here.
/// </summary>
internal sealed class GraphAttachmentReader(GraphRawClient graph, GraphMailOptions options)
{
    private static readonly string[] MetadataFields = ["id", "name", "contentType", "size", "isInline"];

    /// <summary>The attachments of message <paramref name="messageId"/> in <paramref name="mailbox"/>.</summary>
    public async Task<IReadOnlyList<InboundAttachment>> ReadAsync(string mailbox, string messageId, CancellationToken cancellationToken)
    {
        if (options.MaxAttachmentsPerMessage == 0)
        {
            return [];
        }
        JsonDocument list;
        try
        {
            var request = graph.Client.Users[mailbox].Messages[messageId].Attachments.ToGetRequestInformation(c =>
            {
                c.QueryParameters.Select = MetadataFields;
                c.QueryParameters.Top = options.MaxAttachmentsPerMessage;
            });
            list = await graph.GetJsonAsync(request, cancellationToken);
        }
        catch (Exception ex) when (GraphFailures.IsProviderFailure(ex) && !GraphFailures.IsCredentialRejected(ex))
        {
            // Recorded as a rejected attachment, so the message is kept and the gap is visible.
            return [new InboundAttachment { Name = "attachments", ContentError = $"the attachments could not be listed: {GraphFailures.Describe(ex)}" }];
        }
        using (list)
        {
            if (!list.RootElement.TryGetProperty("value", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return [new InboundAttachment { Name = "attachments", ContentError = "Graph's attachment list has no 'value' array" }];
            }
            var result = new List<InboundAttachment>();
            foreach (var item in items.EnumerateArray().Take(options.MaxAttachmentsPerMessage))
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    result.Add(await ReadOneAsync(mailbox, messageId, item, cancellationToken));
                }
            }
            if (list.RootElement.TryGetProperty("@odata.nextLink", out _))
            {
                result.Add(new InboundAttachment { Name = "attachments", ContentError = $"more than {options.MaxAttachmentsPerMessage} attachments; the rest were not read" });
            }
            return result;
        }
    }

    private async Task<InboundAttachment> ReadOneAsync(string mailbox, string messageId, JsonElement item, CancellationToken cancellationToken)
    {
        var kind = item.StringProperty("@odata.type") ?? "#microsoft.graph.fileAttachment";
        var size = item.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : 0;
        var attachment = new InboundAttachment
        {
            Id = item.StringProperty("id"),
            Name = item.StringProperty("name") ?? "attachment",
            ContentType = item.StringProperty("contentType") ?? "application/octet-stream",
            Size = size,
            IsInline = item.TryGetProperty("isInline", out var inline) && inline.ValueKind == JsonValueKind.True,
        };
        // Item (an attached mail or event) and reference (a cloud link) attachments have no bytes to fetch: metadata only.
        if (!kind.EndsWith("fileAttachment", StringComparison.OrdinalIgnoreCase) || attachment.Id is null)
        {
            return attachment;
        }
        if (size > options.MaxAttachmentBytes)
        {
            return attachment with { ContentError = $"{size} bytes is over the {options.MaxAttachmentBytes}-byte download limit; not downloaded" };
        }
        try
        {
            var url = $"{graph.BaseUrl.TrimEnd('/')}/users/{Uri.EscapeDataString(mailbox)}/messages/{Uri.EscapeDataString(messageId)}/attachments/{Uri.EscapeDataString(attachment.Id)}/$value";
            var bytes = await graph.ReadAsync(GraphRawClient.Get(url), options.MaxAttachmentBytes, cancellationToken);
            return bytes is null
                ? attachment with { ContentError = $"the content is over the {options.MaxAttachmentBytes}-byte download limit; not downloaded" }
                : attachment with { Content = bytes, Size = bytes.LongLength };
        }
        catch (Exception ex) when (GraphFailures.IsProviderFailure(ex) && !GraphFailures.IsCredentialRejected(ex))
        {
            return attachment with { ContentError = $"the content could not be downloaded: {GraphFailures.Describe(ex)}" };
        }
    }
}
