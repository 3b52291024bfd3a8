using System.Globalization;
using System.Text.Json;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.WhatsApp;

/// <summary>Maps one entry of a WhatsApp Cloud API webhook's <c>value.messages[]</c> (with <c>value.contacts[]</c>) to the provider-neutral message.</summary>
public static class WhatsAppMessageMapper
{
    /// <summary>The message of <paramref name="message"/>; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static InboundMessage Map(JsonElement message, JsonElement contacts, string businessNumber)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("'message' must be a JSON object");
        }
        var id = message.StringProperty("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("the WhatsApp message has no 'id' (wamid)");
        }
        var from = message.StringProperty("from") ?? throw new FormatException("the WhatsApp message has no 'from'");
        var timestamp = message.StringProperty("timestamp");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new FormatException($"the WhatsApp message's 'timestamp' is not Unix seconds: '{timestamp}'");
        }
        var type = message.StringProperty("type") ?? "text";
        var (body, attachment) = Content(message, type);
        var number = E164(from);
        var business = businessNumber.Length > 0 ? E164(businessNumber) : "";
        return new InboundMessage
        {
            Channel = Channel.WhatsApp,
            ProviderMessageId = id,
            Mailbox = business,
            Folder = "whatsapp",
            ConversationId = "wa:" + number,
            RepliesTo = message.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? context.StringProperty("id") : null,
            Body = body,
            From = new Participant(number, ContactName(contacts, from)),
            To = business.Length > 0 ? [new Participant(business)] : [],
            SentAt = DateTimeOffset.FromUnixTimeSeconds(seconds),
            Attachments = attachment is null ? [] : [attachment],
        };
    }

    /// <summary>A phone number in E.164 form: "+" and digits only.</summary>
    public static string E164(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? number : "+" + digits;
    }

    private static (string Body, InboundAttachment? Attachment) Content(JsonElement message, string type)
    {
        if (!message.TryGetProperty(type, out var part) || part.ValueKind != JsonValueKind.Object)
        {
            return ("", null);
        }
        if (type == "text")
        {
            return (part.StringProperty("body") ?? "", null);
        }
        var caption = part.StringProperty("caption") ?? "";
        if (type is "image" or "document" or "audio" or "video" or "sticker")
        {
            var attachment = new InboundAttachment
            {
                Id = part.StringProperty("id"),
                Name = part.StringProperty("filename") ?? $"{type}-{part.StringProperty("id")}",
                ContentType = part.StringProperty("mime_type") ?? "application/octet-stream",
            };
            return (caption, attachment);
        }
        return (caption, null);
    }

    private static string? ContactName(JsonElement contacts, string waId)
    {
        if (contacts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var contact in contacts.EnumerateArray())
        {
            if (contact.ValueKind == JsonValueKind.Object && contact.StringProperty("wa_id") == waId
                && contact.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object)
            {
                return profile.StringProperty("name");
            }
        }
        return null;
    }

}
