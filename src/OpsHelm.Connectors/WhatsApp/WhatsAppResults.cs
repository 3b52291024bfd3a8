namespace OpsHelm.Connectors.WhatsApp;

/// <summary>The answer to Meta's verification GET: the challenge when the token matched.</summary>
/// <param name="Accepted">True when hub.mode is subscribe and hub.verify_token matches.</param>
/// <param name="Challenge">The hub.challenge to echo as the body.</param>
public sealed record WhatsAppVerification(bool Accepted, string? Challenge)
{
    /// <summary>200 with the challenge, else 403.</summary>
    public int StatusCode => Accepted ? 200 : 403;
}

/// <summary>What became of a signed delivery, and the HTTP status to answer it with.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why it was refused (never a secret).</param>
/// <param name="MessagesRecorded">New messages recorded for the pipeline.</param>
/// <param name="Duplicates">Messages whose wamid was already recorded.</param>
/// <param name="Statuses">Status updates of messages we sent.</param>
/// <param name="Unrouted">Messages and statuses not recorded as such (a phone number id no workspace has, an unusable wamid), each traced by <c>UnroutedDeliveries</c>.</param>
/// <param name="Repaired">Messages recorded with content repaired to U+FFFD.</param>
public sealed record WhatsAppDeliveryResult(
    WhatsAppDeliveryOutcome Outcome, string? Reason = null, int MessagesRecorded = 0, int Duplicates = 0,
    IReadOnlyList<WhatsAppStatusUpdate>? Statuses = null, int Unrouted = 0, int Repaired = 0)
{
    /// <summary>200 once recorded; 401 for a missing or forged signature; 413 too large; 400 unreadable.</summary>
    public int StatusCode => Outcome switch
    {
        WhatsAppDeliveryOutcome.Recorded => 200,
        WhatsAppDeliveryOutcome.Unauthorized => 401,
        WhatsAppDeliveryOutcome.TooLarge => 413,
        _ => 400,
    };
}

/// <summary>The outcomes of a delivery.</summary>
public enum WhatsAppDeliveryOutcome
{
    /// <summary>Signature valid; every message and status recorded (or already recorded).</summary>
    Recorded,
    /// <summary>Missing or wrong X-Hub-Signature-256: nothing was parsed or stored.</summary>
    Unauthorized,
    /// <summary>Over the size limit: nothing was parsed or stored.</summary>
    TooLarge,
    /// <summary>Signed, but not a WhatsApp Business webhook payload.</summary>
    BadRequest,
}

/// <summary>A status update of a message the business sent: sent, delivered, read or failed.</summary>
/// <param name="MessageId">The wamid of our message.</param>
/// <param name="Status">sent, delivered, read or failed.</param>
/// <param name="Timestamp">When, as Meta reported it.</param>
/// <param name="RecipientId">The recipient's number in E.164.</param>
/// <param name="Error">The first error's code and title, for failed.</param>
public sealed record WhatsAppStatusUpdate(string MessageId, string Status, DateTimeOffset? Timestamp, string? RecipientId, string? Error);
