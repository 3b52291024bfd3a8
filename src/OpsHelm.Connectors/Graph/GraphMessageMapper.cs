using System.Text.Json;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Graph;

/// <summary>Maps a Microsoft Graph message resource (as GET /users/{id}/messages/{id} returns it) to the provider-neutral message.</summary>
public static class GraphMessageMapper
{
    /// <summary>The message of <paramref name="message"/>; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static InboundMessage Map(JsonElement message, string mailbox, string folder)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("'message' must be a JSON object");
        }
        var id = message.StringProperty("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("the message has no 'id'");
        }
        var odataType = message.StringProperty("@odata.type") ?? "";
        var body = message.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        var contentType = body.ValueKind == JsonValueKind.Object ? body.StringProperty("contentType") : null;
        return new InboundMessage
        {
            Channel = Channel.Email,
            ProviderMessageId = id,
            Mailbox = mailbox,
            Folder = NormalizeFolder(folder),
            Kind = odataType.Contains("eventMessage", StringComparison.OrdinalIgnoreCase) ? MessageKind.MeetingMessage : MessageKind.Mail,
            MeetingMessageType = message.StringProperty("meetingMessageType"),
            InternetMessageId = message.StringProperty("internetMessageId"),
            ConversationId = message.StringProperty("conversationId"),
            Subject = message.StringProperty("subject") ?? "",
            Body = body.ValueKind == JsonValueKind.Object ? body.StringProperty("content") ?? "" : "",
            BodyIsHtml = string.Equals(contentType, "html", StringComparison.OrdinalIgnoreCase),
            From = Recipient(message, "from") ?? Recipient(message, "sender"),
            To = Recipients(message, "toRecipients"),
            Cc = Recipients(message, "ccRecipients"),
            Bcc = Recipients(message, "bccRecipients"),
            SentAt = GraphDates.Read(message, "sentDateTime") ?? GraphDates.Read(message, "receivedDateTime") ?? GraphDates.Read(message, "createdDateTime")
                ?? throw new FormatException("the message has no 'sentDateTime' or 'receivedDateTime'"),
            ReceivedAt = GraphDates.Read(message, "receivedDateTime"),
            Headers = Headers(message),
            Attachments = Attachments(message),
        };
    }

    /// <summary>Graph's well-known folder names as the pipeline spells them.</summary>
    public static string NormalizeFolder(string folder) => folder.Trim().ToLowerInvariant() switch
    {
        "inbox" => "inbox",
        "sentitems" or "sent items" or "sent" => "sentitems",
        _ => folder.Trim(),
    };

    private static Participant? Recipient(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("emailAddress", out var email) || email.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var address = email.StringProperty("address");
        return string.IsNullOrWhiteSpace(address) ? null : new Participant(address.Trim(), email.StringProperty("name"));
    }

    private static IReadOnlyList<Participant> Recipients(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var result = new List<Participant>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("emailAddress", out var email)
                && email.ValueKind == JsonValueKind.Object && email.StringProperty("address") is { Length: > 0 } address)
            {
                result.Add(new Participant(address.Trim(), email.StringProperty("name")));
            }
        }
        return result;
    }

    private static IReadOnlyList<MessageHeader> Headers(JsonElement element)
    {
        if (!element.TryGetProperty("internetMessageHeaders", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var headers = new List<MessageHeader>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.StringProperty("name") is { } name)
            {
                headers.Add(new MessageHeader(name, item.StringProperty("value") ?? ""));
            }
        }
        return headers;
    }

    private static IReadOnlyList<InboundAttachment> Attachments(JsonElement element)
    {
        if (!element.TryGetProperty("attachments", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var attachments = new List<InboundAttachment>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var name = item.StringProperty("name") ?? "attachment";
            var kind = item.StringProperty("@odata.type") ?? "#microsoft.graph.fileAttachment";
            // Item and reference attachments carry no bytes; their metadata is kept all the same.
            byte[]? content = null;
            string? error = null;
            if (kind.EndsWith("fileAttachment", StringComparison.OrdinalIgnoreCase) && item.StringProperty("contentBytes") is { } base64)
            {
                try
                {
                    content = Convert.FromBase64String(base64);
                }
                catch (FormatException)
                {
                    error = "contentBytes is not valid base64";
                }
            }
            attachments.Add(new InboundAttachment
            {
                Id = item.StringProperty("id"),
                Name = name,
                ContentType = item.StringProperty("contentType") ?? "application/octet-stream",
                Size = item.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var s) ? s : content?.LongLength ?? 0,
                IsInline = item.TryGetProperty("isInline", out var inline) && inline.ValueKind == JsonValueKind.True,
                Content = content,
                ContentError = error,
            });
        }
        return attachments;
    }
}
