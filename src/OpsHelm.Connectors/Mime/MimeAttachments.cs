using MimeKit;
using MimeKit.Tnef;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Mime;

/// <summary>
/// The attachments of a message: parts marked as attachments, inline parts that are not the body, calendar parts (so
/// the classifier sees the invitation) and, for a TNEF <c>winmail.dat</c> that unpacks, the files inside it. Signatures
/// (<c>smime.p7s</c>) are not content and are left out. Names are made safe; bytes over the limit are not kept.
/// </summary>
internal static class MimeAttachments
{
    /// <summary>The attachments among <paramref name="parts"/>; <paramref name="tnef"/> is the unpacked TNEF message, if any.</summary>
    public static IReadOnlyList<InboundAttachment> Of(IReadOnlyList<MimeEntity> parts, MimeMessage? tnef, MimeLimits limits)
    {
        var result = new List<InboundAttachment>();
        foreach (var part in parts.OfType<MimePart>())
        {
            if (MimeMessageMapper.IsSignature(part) || part is TnefPart && tnef is not null)
            {
                continue;
            }
            var isCalendar = part.ContentType.IsMimeType("text", "calendar");
            var isBodyText = part is TextPart { IsAttachment: false } text && (text.IsPlain || text.IsHtml);
            if (isBodyText || (!part.IsAttachment && !isCalendar && part.ContentDisposition is null && part.ContentId is null))
            {
                continue;
            }
            result.Add(From(part, isCalendar ? "invite.ics" : "attachment", limits));
        }
        if (tnef is not null)
        {
            foreach (var part in tnef.Attachments.OfType<MimePart>().Take(limits.MaxParts))
            {
                result.Add(From(part, "attachment", limits));
            }
        }
        return result;
    }

    private static InboundAttachment From(MimePart part, string fallbackName, MimeLimits limits)
    {
        var name = SafeFileName.Of(part.FileName ?? part.ContentType.Name, fallbackName);
        var (content, size, error) = Decode(part, limits.MaxAttachmentBytes);
        return new InboundAttachment
        {
            Id = part.ContentId,
            Name = name,
            ContentType = part.ContentType.MimeType.ToLowerInvariant(),
            Size = size,
            IsInline = part.ContentDisposition?.Disposition is { } disposition && disposition.Equals(ContentDisposition.Inline, StringComparison.OrdinalIgnoreCase),
            Content = content,
            ContentError = error,
        };
    }

    private static (byte[]? Content, long Size, string? Error) Decode(MimePart part, long maxBytes)
    {
        if (part.Content?.Stream is not { } stream)
        {
            return ([], 0, null);
        }
        // The encoded length bounds the decoded one (base64 and quoted-printable only shrink); check it before decoding.
        if (stream.CanSeek && stream.Length > maxBytes * 4 / 3 + 4096)
        {
            return (null, stream.Length * 3 / 4, $"the attachment is over the {maxBytes}-byte limit");
        }
        using var buffer = new MemoryStream();
        try
        {
            part.Content.DecodeTo(buffer);
        }
        catch (Exception ex) when (ex is FormatException or IOException or NotSupportedException)
        {
            return (null, 0, "the attachment's encoding could not be decoded");
        }
        return buffer.Length > maxBytes
            ? (null, buffer.Length, $"the attachment is over the {maxBytes}-byte limit")
            : (buffer.ToArray(), buffer.Length, null);
    }
}
