using System.Globalization;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// Reads one Gmail message as a source item: messages.get (format=full), the mapper, then every held-back attachment
/// through messages.attachments.get — unless it is over the size limit, in which case it is kept without content and
/// with a ContentError naming the limit, so the pipeline records AttachmentRejected while the message is recorded.
/// </summary>
internal sealed class GmailMessageReader(GmailClient client, IRecordStore? records)
{
    private int _position;

    /// <summary>
    /// Items of those <paramref name="messageIds"/> not yet seen in this read and not yet recorded (when a record store is
    /// given, so a resync or a labelAdded on an old message costs no messages.get). Marks them seen.
    /// </summary>
    public async Task<List<SourceItem>> ReadNewAsync(string workspaceId, MailboxConfig mailbox, IEnumerable<string> messageIds, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var fresh = messageIds.Where(seen.Add).ToList();
        if (records is not null && fresh.Count > 0)
        {
            var keys = fresh.ToDictionary(id => NormalizeStep.EventKey(new InboundMessage { ProviderMessageId = id }), id => id);
            var recorded = await records.FindRecordedEventKeysAsync(workspaceId, keys.Keys, cancellationToken);
            fresh = fresh.Where(id => !recorded.Contains(NormalizeStep.EventKey(new InboundMessage { ProviderMessageId = id }))).ToList();
        }
        var items = new List<SourceItem>(fresh.Count);
        foreach (var id in fresh)
        {
            if (await ReadAsync(mailbox.Address, mailbox.Folders, id, ++_position, cancellationToken) is { } item)
            {
                items.Add(item);
            }
        }
        return items;
    }

    /// <summary>The item of message <paramref name="messageId"/>; null when it is gone or in no folder we read.</summary>
    public async Task<SourceItem?> ReadAsync(string mailbox, IReadOnlyList<string> allowedFolders, string messageId, int position, CancellationToken cancellationToken)
    {
        InboundMessage message;
        try
        {
            using var fetched = await client.GetMessageAsync(mailbox, messageId, cancellationToken);
            // Content no string can carry (lone surrogates, NUL, bytes that are not UTF-8) is repaired first and said so.
            var repaired = Utf8JsonRepair.Repair(fetched.RootElement);
            using var repairedDocument = repaired?.Document;
            var root = repairedDocument?.RootElement ?? fetched.RootElement;
            var folder = GmailMessageMapper.FolderOf(GmailMessageMapper.LabelsOf(root), allowedFolders);
            if (folder is null)
            {
                return null;
            }
            message = GmailMessageMapper.Map(root, mailbox, folder) with { Repairs = repaired?.Repairs ?? [] };
        }
        catch (GmailApiException ex) when (ex.IsNotFound)
        {
            // Deleted between the history record and the fetch: nothing to record.
            return null;
        }
        catch (FormatException ex)
        {
            return new SourceItem(position, null, $"Gmail message {messageId} of {mailbox}: {ex.Message}", "gmail:" + messageId);
        }
        if (message.Attachments.Any(a => a.Content is null && a.ContentError is null && a.Id is not null))
        {
            var attachments = new List<InboundAttachment>(message.Attachments.Count);
            foreach (var attachment in message.Attachments)
            {
                attachments.Add(await ContentOfAsync(mailbox, messageId, attachment, cancellationToken));
            }
            message = message with { Attachments = attachments };
        }
        return new SourceItem(position, message);
    }

    private async Task<InboundAttachment> ContentOfAsync(string mailbox, string messageId, InboundAttachment attachment, CancellationToken cancellationToken)
    {
        if (attachment.Content is not null || attachment.ContentError is not null || attachment.Id is null)
        {
            return attachment;
        }
        var limit = client.Options.MaxAttachmentBytes;
        if (attachment.Size > limit)
        {
            return attachment with { ContentError = TooLarge(attachment.Size, limit) };
        }
        try
        {
            var bytes = await client.GetAttachmentAsync(mailbox, messageId, attachment.Id, cancellationToken);
            return bytes.LongLength > limit
                ? attachment with { Size = bytes.LongLength, ContentError = TooLarge(bytes.LongLength, limit) }
                : attachment with { Content = bytes, Size = bytes.LongLength };
        }
        catch (ResponseTooLargeException)
        {
            return attachment with { ContentError = TooLarge(attachment.Size, limit) };
        }
        catch (FormatException ex)
        {
            return attachment with { ContentError = ex.Message };
        }
        catch (GmailApiException ex) when (ex.IsNotFound)
        {
            return attachment with { ContentError = "Gmail no longer has the attachment (404)" };
        }
    }

    private static string TooLarge(long size, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{size} bytes, over the Gmail connector's {limit}-byte attachment limit; not downloaded");
}
