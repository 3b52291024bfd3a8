namespace OpsHelm.Core.Sources;

/// <summary>The visible connection state of one source (a mailbox or a WhatsApp number) of a workspace.</summary>
public sealed record SourceHealth
{
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Mailbox address or WhatsApp phone number id.</summary>
    public required string SourceId { get; init; }
    /// <summary>Graph, Gmail or WhatsApp.</summary>
    public required string Provider { get; init; }
    /// <summary>Connected, Degraded, Disconnected or NotConfigured.</summary>
    public string State { get; init; } = SourceStates.Connected;
    /// <summary>Last call to the provider that succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }
    /// <summary>Last call to the provider that failed.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }
    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures { get; init; }
    /// <summary>The last failure, in words (never a secret).</summary>
    public string? LastError { get; init; }
    /// <summary>When the Graph subscription or Gmail watch lapses, if there is one.</summary>
    public DateTimeOffset? SubscriptionExpiresAt { get; init; }
}

/// <summary>The states a source can be in.</summary>
public static class SourceStates
{
    /// <summary>Working.</summary>
    public const string Connected = "Connected";
    /// <summary>Failing now and then; still reading.</summary>
    public const string Degraded = "Degraded";
    /// <summary>Not reading: a revoked credential, a lapsed subscription or watch, or repeated failures.</summary>
    public const string Disconnected = "Disconnected";
    /// <summary>Its provider has no settings on this host, so pulls leave it out; <see cref="SourceHealth.LastError"/> names the settings.</summary>
    public const string NotConfigured = "NotConfigured";
}
