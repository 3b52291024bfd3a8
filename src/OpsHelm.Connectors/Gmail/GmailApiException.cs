namespace OpsHelm.Connectors.Gmail;

/// <summary>The Gmail API answered with an error (after retries), or refused the credential.</summary>
public sealed class GmailApiException(int statusCode, string? reason, string message, bool credentialRejected = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>HTTP status (401 for a refused credential).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Google's error reason or status (notFound, rateLimitExceeded, invalid_grant …).</summary>
    public string? Reason { get; } = reason;

    /// <summary>True when the provider refused the credential itself (401, invalid_grant): retrying will not help.</summary>
    public bool CredentialRejected { get; } = credentialRejected;

    /// <summary>True for 404: the message is gone, or the startHistoryId is too old.</summary>
    public bool IsNotFound => StatusCode == 404;
}
