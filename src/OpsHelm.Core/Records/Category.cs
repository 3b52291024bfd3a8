namespace OpsHelm.Core.Records;

/// <summary>What a message is (DESIGN §4).</summary>
public enum Category
{
    /// <summary>Ticket traffic.</summary>
    Ticket,
    /// <summary>A meeting request, response, cancellation or event.</summary>
    Meeting,
    /// <summary>A recap or status report we sent.</summary>
    SentSummary,
    /// <summary>Only our own people take part.</summary>
    Internal,
    /// <summary>Spam, bounces, auto-replies, bulk and automated mail.</summary>
    Noise,
    /// <summary>Everything else.</summary>
    Other,
}
