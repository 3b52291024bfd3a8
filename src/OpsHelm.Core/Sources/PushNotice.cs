namespace OpsHelm.Core.Sources;

/// <summary>
/// A verified push from a provider, recorded before it is acknowledged; the pull it asks for happens afterwards.
/// Its id is deterministic, so a redelivered push is recorded once.
/// </summary>
public sealed record PushNotice
{
    /// <summary>Deterministic id derived from what the provider sent (subscription + resource, Pub/Sub message id, wamid …).</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Graph, Gmail or WhatsApp.</summary>
    public required string Provider { get; init; }
    /// <summary>Mailbox address or WhatsApp phone number id.</summary>
    public required string SourceId { get; init; }
    /// <summary>created, updated, deleted, missed, reauthorizationRequired, subscriptionRemoved, history, message, status …</summary>
    public required string Kind { get; init; }
    /// <summary>The verified payload the pull needs (JSON); never parsed as anything but data.</summary>
    public string Payload { get; init; } = "{}";
    /// <summary>When it arrived.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>Pending until the pull it asks for is recorded, then Done.</summary>
    public string Status { get; init; } = "Pending";
}
