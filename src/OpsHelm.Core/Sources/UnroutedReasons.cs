namespace OpsHelm.Core.Sources;

/// <summary>Why an acknowledged delivery could not be recorded as a message (the <c>reason</c> of logs, counters and incidents).</summary>
public static class UnroutedReasons
{
    /// <summary>No workspace has the WhatsApp phone_number_id, Graph subscription or Gmail address.</summary>
    public const string UnknownRoute = "unknown routing key";
    /// <summary>The delivery named no routing key at all.</summary>
    public const string MissingRoute = "no routing key";
    /// <summary>The message has no id.</summary>
    public const string MissingMessageId = "message id missing";
    /// <summary>The message id is longer than the limit.</summary>
    public const string OverlongMessageId = "message id too long";
    /// <summary>The message id is not printable ASCII (invalid UTF-8, control characters, a lone surrogate).</summary>
    public const string InvalidMessageId = "message id not printable";
    /// <summary>The verified body could not be read as the provider's notification.</summary>
    public const string UnreadableBody = "unreadable body";
}
