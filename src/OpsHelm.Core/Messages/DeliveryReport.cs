namespace OpsHelm.Core.Messages;

/// <summary>What a delivery status report (RFC 3464 <c>message/delivery-status</c>) says about a message it returns.</summary>
public sealed record DeliveryReport
{
    /// <summary>The Message-ID of the returned message, in angle brackets, when the report includes its headers.</summary>
    public string? OriginalMessageId { get; init; }
    /// <summary>The sender of the returned message, when the report includes its headers.</summary>
    public Participant? OriginalFrom { get; init; }
    /// <summary>One entry per recipient the report is about.</summary>
    public IReadOnlyList<DeliveryRecipient> Recipients { get; init; } = [];
}

/// <summary>One recipient of a delivery status report.</summary>
/// <param name="Address">The final recipient's address.</param>
/// <param name="Action">failed, delayed, delivered, relayed or expanded.</param>
/// <param name="Status">The enhanced status code, e.g. 5.1.1.</param>
/// <param name="Diagnostic">The remote server's diagnostic, if given (untrusted text).</param>
public sealed record DeliveryRecipient(string Address, string Action, string Status, string? Diagnostic = null);
