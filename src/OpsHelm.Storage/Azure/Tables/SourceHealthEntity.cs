using Azure;
using Azure.Data.Tables;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>A source's connection state: PartitionKey = workspace, RowKey = source id.</summary>
internal sealed class SourceHealthEntity : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";
    /// <inheritdoc />
    public string RowKey { get; set; } = "";
    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }
    /// <inheritdoc />
    public ETag ETag { get; set; }
    /// <summary>Workspace.</summary>
    public string WorkspaceId { get; set; } = "";
    /// <summary>Mailbox address or WhatsApp phone number id.</summary>
    public string SourceId { get; set; } = "";
    /// <summary>Graph, Gmail or WhatsApp.</summary>
    public string Provider { get; set; } = "";
    /// <summary>Connected, Degraded or Disconnected.</summary>
    public string State { get; set; } = SourceStates.Connected;
    /// <summary>Last call that succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>Last call that failed.</summary>
    public DateTimeOffset? LastFailureAt { get; set; }
    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures { get; set; }
    /// <summary>The last failure, in words.</summary>
    public string? LastError { get; set; }
    /// <summary>When the subscription or watch lapses.</summary>
    public DateTimeOffset? SubscriptionExpiresAt { get; set; }

    /// <summary>The row for <paramref name="health"/>.</summary>
    public static SourceHealthEntity From(SourceHealth health) => new()
    {
        WorkspaceId = health.WorkspaceId,
        SourceId = health.SourceId,
        Provider = health.Provider,
        State = health.State,
        LastSuccessAt = health.LastSuccessAt,
        LastFailureAt = health.LastFailureAt,
        ConsecutiveFailures = health.ConsecutiveFailures,
        LastError = health.LastError,
        SubscriptionExpiresAt = health.SubscriptionExpiresAt,
    };

    /// <summary>The state this row holds.</summary>
    public SourceHealth ToHealth() => new()
    {
        WorkspaceId = WorkspaceId,
        SourceId = SourceId,
        Provider = Provider,
        State = State,
        LastSuccessAt = LastSuccessAt,
        LastFailureAt = LastFailureAt,
        ConsecutiveFailures = ConsecutiveFailures,
        LastError = LastError,
        SubscriptionExpiresAt = SubscriptionExpiresAt,
    };
}
