using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Tnef;
using MimeKit.Utils;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Mime;

/// <summary>
/// Maps a MimeKit message (a file, an mbox entry or an IMAP fetch) to the provider-neutral message: every header, the
/// text or else the HTML body decoded by charset, attachments (TNEF unpacked, signatures left out), calendar parts
/// (Ical.Net) and delivery status reports. The thread is the first id of <c>References</c>, else <c>In-Reply-To</c>, else the
/// message's own id, so replies share it as a provider conversation id would.
/// </summary>
public static class MimeMessageMapper
{
    static MimeMessageMapper() => MimeEncodings.EnsureRegistered();

    /// <summary>The message of <paramref name="mime"/> as read from <paramref name="mailbox"/>'s <paramref name="folder"/>.</summary>
    /// <param name="mime">The parsed message.</param>
    /// <param name="mailbox">The mailbox address it belongs to.</param>
    /// <param name="folder">inbox, sentitems or another folder.</param>
    /// <param name="fallbackId">The id to use when the message has no Message-ID (stable for the same message).</param>
    /// <param name="receivedAt">When the mailbox received it, if the source knows (IMAP INTERNALDATE); also the sent time when Date is unreadable.</param>
    /// <param name="limits">Bounds on what is read.</param>
    /// <param name="fileTime">The exported file's time: the sent time of last resort, when neither Date nor Received can be read.</param>
    public static InboundMessage Map(MimeMessage mime, string mailbox, string folder, string fallbackId, DateTimeOffset? receivedAt, MimeLimits? limits = null, DateTimeOffset? fileTime = null)
    {
        limits ??= MimeLimits.Default;
        var messageId = string.IsNullOrWhiteSpace(mime.MessageId) ? null : mime.MessageId.Trim();
        var parts = mime.BodyParts.Take(limits.MaxParts).ToList();
        var report = mime.Body is MultipartReport multipartReport ? DeliveryStatusReader.Read(multipartReport, limits.MaxStructuredPartBytes) : null;
        var calendar = parts.OfType<TextPart>().Where(p => p.ContentType.IsMimeType("text", "calendar"))
            .Select(p => CalendarPartReader.Read(p, limits.MaxStructuredPartBytes)).FirstOrDefault(c => c is not null);
        var tnef = parts.OfType<TnefPart>().Select(Unpack).FirstOrDefault(m => m is not null);
        var (body, isHtml) = Body(mime, tnef, limits.MaxBodyChars);
        var sent = ReadDate(mime) ?? receivedAt ?? FirstReceivedDate(mime) ?? fileTime ?? DateTimeOffset.UnixEpoch;
        var isMeeting = calendar?.MeetingMessageType is not null;
        return new InboundMessage
        {
            Channel = Channel.Email,
            ProviderMessageId = messageId ?? fallbackId,
            Mailbox = mailbox,
            Folder = folder,
            Kind = isMeeting ? MessageKind.MeetingMessage : MessageKind.Mail,
            MeetingMessageType = calendar?.MeetingMessageType,
            InternetMessageId = messageId is null ? null : $"<{messageId}>",
            ConversationId = ThreadOf(mime) ?? ThreadOf(report?.Original) ?? (messageId is null ? null : $"<{messageId}>"),
            Subject = Bound(mime.Subject ?? "", limits.MaxHeaderChars),
            Body = body,
            BodyIsHtml = isHtml,
            From = Addresses(mime.From, 1).FirstOrDefault() ?? Addresses(mime.Sender is null ? [] : new InternetAddressList([mime.Sender]), 1).FirstOrDefault(),
            To = Addresses(mime.To, limits.MaxAddresses),
            Cc = Addresses(mime.Cc, limits.MaxAddresses),
            Bcc = Addresses(mime.Bcc, limits.MaxAddresses),
            SentAt = sent,
            ReceivedAt = receivedAt ?? FirstReceivedDate(mime),
            Headers = Headers(mime, limits),
            Attachments = MimeAttachments.Of(parts, tnef, limits),
            DeliveryReport = report?.Report,
        };
    }

    // MimeKit keeps the top-level Content-* headers on the body entity; the classifier reads them with the rest (report-type, text/calendar).
    private static IReadOnlyList<MessageHeader> Headers(MimeMessage mime, MimeLimits limits) =>
        mime.Headers.Concat(mime.Body?.Headers ?? [])
            .Take(limits.MaxHeaders)
            .Select(h => new MessageHeader(h.Field, Bound(h.Value ?? "", limits.MaxHeaderChars)))
            .ToList();

    private static (string Body, bool IsHtml) Body(MimeMessage mime, MimeMessage? tnef, int maxChars)
    {
        // TextBody/HtmlBody follow multipart/alternative and multipart/related, and look inside multipart/signed.
        if (mime.TextBody is { Length: > 0 } text)
        {
            return (Bound(text, maxChars), false);
        }
        if (mime.HtmlBody is { Length: > 0 } html)
        {
            return (Bound(html, maxChars), true);
        }
        if (tnef?.TextBody is { Length: > 0 } tnefText)
        {
            return (Bound(tnefText, maxChars), false);
        }
        if (tnef?.HtmlBody is { Length: > 0 } tnefHtml)
        {
            return (Bound(tnefHtml, maxChars), true);
        }
        // A delivery report's human part may be its only text.
        if (mime.BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && (p.IsPlain || p.IsHtml)) is { } first)
        {
            return (Bound(first.Text, maxChars), first.IsHtml);
        }
        return ("", false);
    }

    private static MimeMessage? Unpack(TnefPart part)
    {
        try
        {
            return part.ConvertToMessage();
        }
        catch (Exception ex) when (ex is TnefException or FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            // An unreadable winmail.dat stays a plain attachment.
            return null;
        }
    }

    private static string? ThreadOf(MimeMessage? mime)
    {
        if (mime is null)
        {
            return null;
        }
        if (mime.References.Count > 0 && !string.IsNullOrWhiteSpace(mime.References[0]))
        {
            return $"<{mime.References[0].Trim()}>";
        }
        if (!string.IsNullOrWhiteSpace(mime.InReplyTo))
        {
            return $"<{mime.InReplyTo.Trim()}>";
        }
        return null;
    }

    private static DateTimeOffset? ReadDate(MimeMessage mime)
    {
        // MimeKit reports a missing or unreadable Date as MinValue.
        var date = mime.Date;
        return date == DateTimeOffset.MinValue ? null : date;
    }

    private static DateTimeOffset? FirstReceivedDate(MimeMessage mime)
    {
        var received = mime.Headers[HeaderId.Received];
        if (received is null)
        {
            return null;
        }
        var semicolon = received.LastIndexOf(';');
        return semicolon >= 0 && DateUtils.TryParse(received[(semicolon + 1)..].Trim(), out var date) ? date : null;
    }

    private static IReadOnlyList<Participant> Addresses(InternetAddressList list, int max) =>
        list.Mailboxes
            .Where(m => !string.IsNullOrWhiteSpace(m.Address) && m.Address.Contains('@'))
            .Take(max)
            .Select(m => new Participant(m.Address.Trim(), string.IsNullOrWhiteSpace(m.Name) ? null : m.Name.Trim()))
            .ToList();

    private static string Bound(string value, int maxChars) => value.Length <= maxChars ? value : value[..maxChars];

    internal static bool IsSignature(MimeEntity entity) => entity is ApplicationPkcs7Signature or ApplicationPgpSignature
        || entity.ContentType.IsMimeType("application", "x-pkcs7-signature");
}
