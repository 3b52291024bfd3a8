namespace OpsHelm.Core.Records;

/// <summary>One ingested message, Noise included; key = workspace + channel + provider message id.</summary>
public sealed record EmailEvent
{
    /// <summary>The key: <c>{channel}:{providerMessageId}</c> within the workspace.</summary>
    public required string Key { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Email or WhatsApp.</summary>
    public required string Channel { get; init; }
    /// <summary>Provider's message id.</summary>
    public required string ProviderMessageId { get; init; }
    /// <summary>Mailbox or number it was read from.</summary>
    public string Mailbox { get; init; } = "";
    /// <summary>Folder.</summary>
    public string Folder { get; init; } = "";
    /// <summary>RFC 5322 Message-ID.</summary>
    public string? InternetMessageId { get; init; }
    /// <summary>Thread key.</summary>
    public string? ConversationId { get; init; }
    /// <summary>Subject (text only).</summary>
    public string Subject { get; init; } = "";
    /// <summary>Sender address.</summary>
    public string? From { get; init; }
    /// <summary>When it was sent.</summary>
    public DateTimeOffset SentAt { get; init; }
    /// <summary>Whether we sent it.</summary>
    public bool SentByUs { get; init; }
    /// <summary>Category.</summary>
    public required Category Category { get; init; }
    /// <summary>Confidence of the category, 0–1.</summary>
    public required double Confidence { get; init; }
    /// <summary>What produced category and fields.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
    /// <summary>The ticket it belongs to.</summary>
    public string? TicketId { get; init; }
    /// <summary>A short plain-text excerpt of the new text (for the portal; never HTML).</summary>
    public string Excerpt { get; init; } = "";
    /// <summary>Stored attachment ids.</summary>
    public IReadOnlyList<string> AttachmentIds { get; init; } = [];
    /// <summary>The run that recorded it.</summary>
    public string? RunId { get; init; }
}
