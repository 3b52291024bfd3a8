namespace OpsHelm.Core.Sources;

/// <summary>Something wrong with a source that an operator must see: it stays Open until the source recovers or someone resolves it.</summary>
public sealed record SourceIncident
{
    /// <summary>Deterministic id: one open incident per workspace, source and kind.</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Mailbox address or WhatsApp phone number id.</summary>
    public required string SourceId { get; init; }
    /// <summary>One of <see cref="IncidentKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>What happened, in words (never a secret).</summary>
    public required string Details { get; init; }
    /// <summary>Open or Resolved.</summary>
    public string Status { get; init; } = "Open";
    /// <summary>When it was opened.</summary>
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }
}

/// <summary>The kinds of source incident.</summary>
public static class IncidentKinds
{
    /// <summary>The provider refused the credential (401/403, invalid_grant).</summary>
    public const string CredentialRejected = "CredentialRejected";
    /// <summary>A Graph subscription or Gmail watch expired or was removed and could not be renewed.</summary>
    public const string SubscriptionLapsed = "SubscriptionLapsed";
    /// <summary>Several calls in a row failed.</summary>
    public const string RepeatedFailures = "RepeatedFailures";
    /// <summary>The provider lost our checkpoint or notifications were missed; a resync ran.</summary>
    public const string Resync = "Resync";
    /// <summary>A delivery for this source was acknowledged but a message of it could not be recorded (its id missing, too long or not printable).</summary>
    public const string UndeliverableMessage = "UndeliverableMessage";
    /// <summary>A run stalled and was resumed.</summary>
    public const string Stalled = "Stalled";
    /// <summary>An inbound notice failed every delivery and landed in the poison queue.</summary>
    public const string PoisonNotice = "PoisonNotice";
}
