using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Gmail;

/// <summary>What became of a Pub/Sub push, and the HTTP status to answer it with.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why it was refused or ignored (never a secret).</param>
/// <param name="Notice">The notice recorded (or already recorded), when one was.</param>
public sealed record GmailPushResult(GmailPushOutcome Outcome, string? Reason = null, PushNotice? Notice = null)
{
    /// <summary>204 for recorded, duplicate and ignored pushes (so Pub/Sub stops redelivering), 400, 401, 403 or 413 otherwise.</summary>
    public int StatusCode => Outcome switch
    {
        GmailPushOutcome.Recorded or GmailPushOutcome.Duplicate or GmailPushOutcome.Ignored => 204,
        GmailPushOutcome.Unauthorized => 401,
        GmailPushOutcome.Forbidden => 403,
        GmailPushOutcome.TooLarge => 413,
        _ => 400,
    };

    /// <summary>True when the push is (now or already) recorded.</summary>
    public bool Accepted => Outcome is GmailPushOutcome.Recorded or GmailPushOutcome.Duplicate;
}

/// <summary>The outcomes of a Pub/Sub push.</summary>
public enum GmailPushOutcome
{
    /// <summary>Verified and recorded.</summary>
    Recorded,
    /// <summary>Verified; its Pub/Sub message id was already recorded (a redelivery).</summary>
    Duplicate,
    /// <summary>Verified, but for an address no workspace reads: acknowledged, nothing recorded.</summary>
    Ignored,
    /// <summary>The body is not a Pub/Sub push of a Gmail notification.</summary>
    BadRequest,
    /// <summary>No token, or a token that is forged, expired, or for another audience or issuer.</summary>
    Unauthorized,
    /// <summary>A valid Google token, but not of the configured push service account (or its email is unverified).</summary>
    Forbidden,
    /// <summary>The body is over the size limit.</summary>
    TooLarge,
}
