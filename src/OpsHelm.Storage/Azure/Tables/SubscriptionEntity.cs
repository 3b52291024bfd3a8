using Azure;
using Azure.Data.Tables;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// A Graph subscription or Gmail watch row. In the workspace's tables PartitionKey = workspace and RowKey = subscription id; in
/// the lookup table PartitionKey = subscription id, so a notification's id resolves with one point read.
/// </summary>
internal sealed class SubscriptionEntity : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";
    /// <inheritdoc />
    public string RowKey { get; set; } = "";
    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }
    /// <inheritdoc />
    public ETag ETag { get; set; }
    /// <summary>The provider's id.</summary>
    public string Id { get; set; } = "";
    /// <summary>Workspace.</summary>
    public string WorkspaceId { get; set; } = "";
    /// <summary>Graph or Gmail.</summary>
    public string Provider { get; set; } = "";
    /// <summary>The mailbox address it watches.</summary>
    public string SourceId { get; set; } = "";
    /// <summary>A Graph resource path, or the Gmail label ids.</summary>
    public string Resource { get; set; } = "";
    /// <summary>The secret Graph echoes in every notification (Graph only).</summary>
    public string? ClientState { get; set; }
    /// <summary>When it lapses.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>When it was created or last renewed.</summary>
    public DateTimeOffset RenewedAt { get; set; }
    /// <summary>The history id when the watch started (Gmail only).</summary>
    public string? HistoryId { get; set; }

    /// <summary>The row for <paramref name="subscription"/>.</summary>
    public static SubscriptionEntity From(ProviderSubscription subscription) => new()
    {
        Id = subscription.Id,
        WorkspaceId = subscription.WorkspaceId,
        Provider = subscription.Provider,
        SourceId = subscription.SourceId,
        Resource = subscription.Resource,
        ClientState = subscription.ClientState,
        ExpiresAt = subscription.ExpiresAt,
        RenewedAt = subscription.RenewedAt,
        HistoryId = subscription.HistoryId,
    };

    /// <summary>The subscription this row holds.</summary>
    public ProviderSubscription ToSubscription() => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        Provider = Provider,
        SourceId = SourceId,
        Resource = Resource,
        ClientState = ClientState,
        ExpiresAt = ExpiresAt,
        RenewedAt = RenewedAt,
        HistoryId = HistoryId,
    };
}
