namespace OpsHelm.Core.Messages;

/// <summary>An attachment as the provider delivered it; <see cref="Content"/> is null when only metadata is known.</summary>
public sealed record InboundAttachment
{
    /// <summary>Provider attachment id, if any.</summary>
    public string? Id { get; init; }
    /// <summary>File name as sent (untrusted).</summary>
    public required string Name { get; init; }
    /// <summary>Declared content type.</summary>
    public string ContentType { get; init; } = "application/octet-stream";
    /// <summary>Declared size in bytes.</summary>
    public long Size { get; init; }
    /// <summary>Whether it is an inline image of the body.</summary>
    public bool IsInline { get; init; }
    /// <summary>The bytes, when delivered with the message.</summary>
    public byte[]? Content { get; init; }
    /// <summary>Why the content could not be read (e.g. invalid base64), if so.</summary>
    public string? ContentError { get; init; }
    /// <summary>Set when the bytes are already in the attachment store (an archived message): the content is then not carried.</summary>
    public string? StoredId { get; init; }
}
