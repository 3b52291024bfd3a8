using System.Runtime.CompilerServices;
using System.Text.Json;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.WhatsApp;

/// <summary>
/// The WhatsApp messages the webhook recorded, as a source the runner processes like any other: pending message notices
/// of the workspace, oldest first, each mapped (E.164 numbers) with its media fetched. A notice is marked Done only when
/// the runner asks for the next page — that is, once every item of the page was recorded — so a crash repeats, never loses.
/// </summary>
public sealed class WhatsAppDeliverySource(IPushInbox inbox, WhatsAppMediaClient media, int batchSize = 100) : IMessageSource
{
    private const int MaxPages = 10_000;

    /// <inheritdoc />
    public string Description => "WhatsApp deliveries";

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> ReadAsync(
        WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            var pending = (await inbox.ListPendingAsync(workspace.Id, batchSize, cancellationToken))
                .Where(n => n.Provider == WhatsAppWebhookHandler.Provider && n.Kind == "message" && handled.Add(n.Id))
                .ToList();
            if (pending.Count == 0)
            {
                yield break;
            }
            var items = new List<SourceItem>(pending.Count);
            foreach (var notice in pending)
            {
                items.Add(await ItemAsync(notice, workspace, ++position, cancellationToken));
            }
            var checkpoints = items.Where(i => i.Message is not null)
                .GroupBy(i => (i.Message!.Mailbox, i.Message.Folder))
                .Select(g => new StreamCheckpoint(g.Key.Mailbox, g.Key.Folder, g.Last().Message!.ProviderMessageId, g.Last().Message!.ProviderMessageId))
                .ToList();
            yield return new SourceBatch(items, checkpoints);
            // Resumed by the runner only after the page was recorded.
            foreach (var notice in pending)
            {
                await inbox.MarkDoneAsync(workspace.Id, notice.Id, cancellationToken);
            }
        }
    }

    private async Task<SourceItem> ItemAsync(PushNotice notice, WorkspaceConfig workspace, int position, CancellationToken cancellationToken)
    {
        InboundMessage message;
        try
        {
            using var document = JsonDocument.Parse(notice.Payload, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            var business = workspace.WhatsApp?.DisplayNumber ?? root.StringProperty("displayPhoneNumber") ?? "";
            var contacts = root.TryGetProperty("contacts", out var c) ? c : default;
            message = WhatsAppMessageMapper.Map(root.GetProperty("message"), contacts, business);
            if (root.TryGetProperty("repairs", out var repairs) && repairs.ValueKind == JsonValueKind.Array)
            {
                message = message with { Repairs = [.. repairs.EnumerateArray().Select(r => r.GetString() ?? "")] };
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return new SourceItem(position, null, $"WhatsApp push {notice.Id} could not be read as a message: {ex.Message}", notice.Id);
        }
        if (message.Attachments.Count > 0)
        {
            var attachments = new List<InboundAttachment>(message.Attachments.Count);
            foreach (var attachment in message.Attachments)
            {
                attachments.Add(await media.FetchAsync(attachment, cancellationToken));
            }
            message = message with { Attachments = attachments };
        }
        return new SourceItem(position, message);
    }
}
