using OpsHelm.Core.Messages;

namespace OpsHelm.Core.Pipeline;

/// <summary>Which attachments may be stored: readable content, within the size limit, not an executable type.</summary>
public sealed class AttachmentPolicy(PipelineOptions options)
{
    /// <summary>Null when <paramref name="attachment"/> may be stored; otherwise why not.</summary>
    public string? Reject(InboundAttachment attachment)
    {
        var name = SafeName(attachment.Name);
        if (attachment.ContentError is { } error)
        {
            return $"attachment '{name}' could not be read: {error}";
        }
        var size = attachment.Content?.LongLength ?? attachment.Size;
        if (size > options.MaxAttachmentBytes)
        {
            return $"attachment '{name}' is {size} bytes, over the {options.MaxAttachmentBytes}-byte limit";
        }
        // The extension of the name as sent: a shortened safe name must not hide ".exe".
        var extension = Path.GetExtension(attachment.Name.Replace('\\', '/').TrimEnd('.', ' ')).ToLowerInvariant();
        if (extension.Length > 0 && options.BlockedAttachmentExtensions.Contains(extension))
        {
            return $"attachment '{name}' has a blocked file type ({extension})";
        }
        return null;
    }

    /// <summary>A file name safe to store and show: no directories, no control characters, bounded length.</summary>
    public static string SafeName(string name)
    {
        var file = name.Replace('\\', '/');
        file = file[(file.LastIndexOf('/') + 1)..];
        var chars = file.Where(c => !char.IsControl(c) && c is not (':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray();
        var safe = new string(chars).Trim().TrimStart('.');
        if (safe.Length > 120)
        {
            // Shorten the stem, keep the extension.
            var extension = Path.GetExtension(safe);
            extension = extension.Length > 16 ? "" : extension;
            safe = safe[..(120 - extension.Length)] + extension;
        }
        return safe.Length == 0 ? "attachment" : safe;
    }
}
