namespace OpsHelm.Connectors.Mime;

/// <summary>How much of a raw message is read: every bound a hostile message could otherwise stretch.</summary>
public sealed record MimeLimits
{
    /// <summary>The defaults.</summary>
    public static MimeLimits Default { get; } = new();

    /// <summary>A message larger than this (raw bytes) is not parsed; it becomes a ParseFailure.</summary>
    public long MaxMessageBytes { get; init; } = 50L * 1024 * 1024;
    /// <summary>Body text kept (characters); the pipeline reads less still.</summary>
    public int MaxBodyChars { get; init; } = 1_000_000;
    /// <summary>Attachments larger than this keep their name and size but not their bytes.</summary>
    public long MaxAttachmentBytes { get; init; } = 25L * 1024 * 1024;
    /// <summary>Headers kept per message.</summary>
    public int MaxHeaders { get; init; } = 1_000;
    /// <summary>Characters kept per header value.</summary>
    public int MaxHeaderChars { get; init; } = 16 * 1024;
    /// <summary>Body parts walked per message.</summary>
    public int MaxParts { get; init; } = 500;
    /// <summary>Nesting depth of multiparts the parser accepts.</summary>
    public int MaxMimeDepth { get; init; } = 32;
    /// <summary>text/calendar and message/delivery-status parts larger than this are not interpreted (still attached).</summary>
    public int MaxStructuredPartBytes { get; init; } = 512 * 1024;
    /// <summary>Recipients read per address header.</summary>
    public int MaxAddresses { get; init; } = 500;
}
