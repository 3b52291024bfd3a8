namespace OpsHelm.Core.Sources;

/// <summary>A push registration at a provider: a Graph subscription or a Gmail watch.</summary>
public sealed record ProviderSubscription
{
    /// <summary>The provider's id (Graph subscription id; for Gmail, <c>gmail:{address}</c>).</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Graph or Gmail.</summary>
    public required string Provider { get; init; }
    /// <summary>The mailbox address it watches.</summary>
    public required string SourceId { get; init; }
    /// <summary>What it watches: a Graph resource path, or the Gmail label ids.</summary>
    public required string Resource { get; init; }
    /// <summary>The secret Graph echoes in every notification (Graph only).</summary>
    public string? ClientState { get; init; }
    /// <summary>When it lapses, as the provider reported it.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    /// <summary>When it was created or last renewed.</summary>
    public DateTimeOffset RenewedAt { get; init; }
    /// <summary>The provider's history id when the watch started (Gmail only).</summary>
    public string? HistoryId { get; init; }
}
