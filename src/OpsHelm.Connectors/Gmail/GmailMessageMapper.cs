using System.Globalization;
using System.Text;
using System.Text.Json;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// Maps a Gmail message as users.messages.get returns it with format=full (headers and JSON MIME parts, base64url bodies)
/// to the provider-neutral message. Attachments that Gmail holds back (an <c>attachmentId</c> instead of data) come out
/// without content; the reader fetches them.
/// </summary>
public static class GmailMessageMapper
{
    private const int MaxParts = 500;
    private const int MaxDepth = 32;
    private const int MaxHeaders = 1_000;

    /// <summary>The pipeline folder of a message with <paramref name="labelIds"/>: SENT is the Sent folder, INBOX the Inbox, an allowed label its own folder; null when the message is in none we read.</summary>
    public static string? FolderOf(IReadOnlyCollection<string> labelIds, IReadOnlyList<string> allowedFolders)
    {
        if (labelIds.Contains("DRAFT") || labelIds.Contains("SPAM") || labelIds.Contains("TRASH"))
        {
            return null;
        }
        if (labelIds.Contains("SENT"))
        {
            return "sentitems";
        }
        if (labelIds.Contains("INBOX"))
        {
            return "inbox";
        }
        return allowedFolders.FirstOrDefault(f => labelIds.Contains(f, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The label ids of a Gmail message.</summary>
    public static IReadOnlyList<string> LabelsOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("labelIds", out var labels) && labels.ValueKind == JsonValueKind.Array
            ? labels.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).ToList()
            : [];

    /// <summary>The message of <paramref name="message"/> read from <paramref name="mailbox"/>'s <paramref name="folder"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static InboundMessage Map(JsonElement message, string mailbox, string folder)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the Gmail message must be a JSON object");
        }
        var id = message.StringProperty("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("the Gmail message has no 'id'");
        }
        if (!message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the Gmail message {id} has no 'payload' (was it fetched with format=full?)");
        }
        var headers = Headers(payload);
        string? Header(string name) => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

        var parts = new List<JsonElement>();
        Flatten(payload, 0, parts);
        var (body, isHtml) = Body(parts);
        var received = InternalDate(message);
        var sent = MailHeaderValues.Date(Header("Date")) ?? received
            ?? throw new FormatException($"the Gmail message {id} has neither a readable Date header nor 'internalDate'");
        return new InboundMessage
        {
            Channel = Channel.Email,
            ProviderMessageId = id,
            Mailbox = mailbox,
            Folder = folder,
            InternetMessageId = Header("Message-ID") ?? Header("Message-Id"),
            ConversationId = message.StringProperty("threadId"),
            Subject = Header("Subject") ?? "",
            Body = body,
            BodyIsHtml = isHtml,
            From = MailHeaderValues.Addresses(Header("From")).FirstOrDefault() ?? MailHeaderValues.Addresses(Header("Sender")).FirstOrDefault(),
            To = MailHeaderValues.Addresses(Header("To")),
            Cc = MailHeaderValues.Addresses(Header("Cc")),
            Bcc = MailHeaderValues.Addresses(Header("Bcc")),
            SentAt = sent,
            ReceivedAt = received,
            Headers = headers,
            Attachments = Attachments(parts),
        };
    }

    private static IReadOnlyList<MessageHeader> Headers(JsonElement part)
    {
        if (!part.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return headers.EnumerateArray()
            .Where(h => h.ValueKind == JsonValueKind.Object)
            .Select(h => (Name: h.StringProperty("name"), Value: h.StringProperty("value")))
            .Where(h => !string.IsNullOrEmpty(h.Name) && h.Value is not null)
            .Take(MaxHeaders)
            .Select(h => new MessageHeader(h.Name!, h.Value!))
            .ToList();
    }

    // Leaf parts in document order; multipart containers are walked, not kept. Depth and count are bounded.
    private static void Flatten(JsonElement part, int depth, List<JsonElement> leaves)
    {
        if (depth > MaxDepth || leaves.Count >= MaxParts)
        {
            return;
        }
        if (part.TryGetProperty("parts", out var children) && children.ValueKind == JsonValueKind.Array && children.GetArrayLength() > 0)
        {
            foreach (var child in children.EnumerateArray())
            {
                if (child.ValueKind == JsonValueKind.Object)
                {
                    Flatten(child, depth + 1, leaves);
                }
            }
            return;
        }
        leaves.Add(part);
    }

    private static bool IsAttachment(JsonElement part) =>
        !string.IsNullOrEmpty(part.StringProperty("filename"))
        || (part.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object && body.StringProperty("attachmentId") is not null);

    private static (string Body, bool IsHtml) Body(List<JsonElement> parts)
    {
        foreach (var type in new[] { "text/plain", "text/html" })
        {
            foreach (var part in parts)
            {
                if (!IsAttachment(part) && string.Equals(part.StringProperty("mimeType"), type, StringComparison.OrdinalIgnoreCase)
                    && Data(part) is { } bytes)
                {
                    return (Decode(bytes, part), type == "text/html");
                }
            }
        }
        return ("", false);
    }

    private static IReadOnlyList<InboundAttachment> Attachments(List<JsonElement> parts)
    {
        var attachments = new List<InboundAttachment>();
        foreach (var part in parts)
        {
            var mimeType = part.StringProperty("mimeType") ?? "application/octet-stream";
            var isCalendar = mimeType.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase);
            if (!IsAttachment(part) && !isCalendar)
            {
                continue;
            }
            var body = part.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
            var size = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : 0;
            var data = body.ValueKind == JsonValueKind.Object ? body.StringProperty("data") : null;
            var content = data is null ? null : Base64Url.Decode(data);
            var headers = Headers(part);
            var disposition = headers.FirstOrDefault(h => h.Name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))?.Value ?? "";
            attachments.Add(new InboundAttachment
            {
                Id = body.ValueKind == JsonValueKind.Object ? body.StringProperty("attachmentId") : null,
                Name = part.StringProperty("filename") is { Length: > 0 } name ? name : isCalendar ? "invite.ics" : "attachment",
                ContentType = mimeType,
                Size = size,
                IsInline = disposition.StartsWith("inline", StringComparison.OrdinalIgnoreCase),
                Content = content,
                ContentError = data is not null && content is null ? "the attachment's data is not base64url" : null,
            });
        }
        return attachments;
    }

    private static byte[]? Data(JsonElement part) =>
        part.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object && body.StringProperty("data") is { } data
            ? Base64Url.Decode(data)
            : null;

    private static string Decode(byte[] bytes, JsonElement part)
    {
        var contentType = Headers(part).FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))?.Value ?? "";
        var charset = contentType.Split(';').Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))?["charset=".Length..].Trim('"', ' ');
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset reads as UTF-8 rather than failing the message.
            }
        }
        return encoding.GetString(bytes);
    }

    private static DateTimeOffset? InternalDate(JsonElement message)
    {
        var text = message.StringProperty("internalDate");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }
}
