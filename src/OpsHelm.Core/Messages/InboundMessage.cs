namespace OpsHelm.Core.Messages;

/// <summary>The provider-neutral message every source produces; steps 4–9 know nothing else.</summary>
public sealed record InboundMessage
{
    /// <summary>Mail or chat.</summary>
    public Channel Channel { get; init; } = Channel.Email;
    /// <summary>The provider's id of the message; with workspace and channel, the EmailEvent key.</summary>
    public required string ProviderMessageId { get; init; }
    /// <summary>The mailbox address (or chat number) it was read from.</summary>
    public string Mailbox { get; init; } = "";
    /// <summary>Folder: "inbox", "sentitems" or another folder name.</summary>
    public string Folder { get; init; } = "inbox";
    /// <summary>Mail or meeting message or calendar event.</summary>
    public MessageKind Kind { get; init; } = MessageKind.Mail;
    /// <summary>RFC 5322 Message-ID, if any.</summary>
    public string? InternetMessageId { get; init; }
    /// <summary>The provider's thread id; replies share it.</summary>
    public string? ConversationId { get; init; }
    /// <summary>The provider id of the message this one answers, where the provider says so (a WhatsApp reply's context).</summary>
    public string? RepliesTo { get; init; }
    /// <summary>Subject (empty for chat).</summary>
    public string Subject { get; init; } = "";
    /// <summary>Body as delivered (untrusted).</summary>
    public string Body { get; init; } = "";
    /// <summary>Whether <see cref="Body"/> is HTML.</summary>
    public bool BodyIsHtml { get; init; }
    /// <summary>Sender.</summary>
    public Participant? From { get; init; }
    /// <summary>To recipients.</summary>
    public IReadOnlyList<Participant> To { get; init; } = [];
    /// <summary>Cc recipients.</summary>
    public IReadOnlyList<Participant> Cc { get; init; } = [];
    /// <summary>Bcc recipients.</summary>
    public IReadOnlyList<Participant> Bcc { get; init; } = [];
    /// <summary>When it was sent.</summary>
    public DateTimeOffset SentAt { get; init; }
    /// <summary>When it was received.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
    /// <summary>Internet headers, when the provider gave them.</summary>
    public IReadOnlyList<MessageHeader> Headers { get; init; } = [];
    /// <summary>Attachments.</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    /// <summary>Graph's meetingMessageType, when the message is a meeting message.</summary>
    public string? MeetingMessageType { get; init; }
    /// <summary>What a delivery status report says, when the message is one (read from its MIME parts).</summary>
    public DeliveryReport? DeliveryReport { get; init; }
    /// <summary>What the connector changed so the content could be stored (e.g. lone surrogates replaced by U+FFFD); becomes evidence.</summary>
    public IReadOnlyList<string> Repairs { get; init; } = [];

    /// <summary>True when the message was sent by the mailbox (Sent Items, or from the mailbox address).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSentByUs =>
        Folder.Equals("sentitems", StringComparison.OrdinalIgnoreCase)
        || (Channel == Channel.Email && From is not null && Mailbox.Length > 0
            && From.Address.Equals(Mailbox, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every participant: sender and all recipients.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<Participant> Participants =>
        (From is null ? [] : new[] { From }).Concat(To).Concat(Cc).Concat(Bcc);

    /// <summary>First header value named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        // Indexed, not foreach: an interface's enumerator would be allocated on every lookup.
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Headers[i].Value;
            }
        }
        return null;
    }
}
