namespace OpsHelm.Connectors.Graph;

/// <summary>What a notification delivery came to, for the HTTP reply.</summary>
public enum GraphNotificationOutcome
{
    /// <summary>Every verified notification is recorded (202).</summary>
    Accepted,
    /// <summary>The body is not a notification collection or is too large (400).</summary>
    Malformed,
    /// <summary>No notification could be verified: unknown subscriptions or a wrong clientState (403).</summary>
    Rejected,
}
