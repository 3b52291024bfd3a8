using Azure;
using Azure.Data.Tables;
using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>A source incident: PartitionKey = workspace, RowKey = its deterministic id.</summary>
internal sealed class IncidentEntity : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";
    /// <inheritdoc />
    public string RowKey { get; set; } = "";
    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }
    /// <inheritdoc />
    public ETag ETag { get; set; }
    /// <summary>Deterministic id.</summary>
    public string Id { get; set; } = "";
    /// <summary>Workspace.</summary>
    public string WorkspaceId { get; set; } = "";
    /// <summary>Mailbox address or WhatsApp phone number id.</summary>
    public string SourceId { get; set; } = "";
    /// <summary>One of <see cref="IncidentKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>What happened, in words.</summary>
    public string Details { get; set; } = "";
    /// <summary>Open or Resolved.</summary>
    public string Status { get; set; } = "Open";
    /// <summary>When it was opened.</summary>
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The row for <paramref name="incident"/>.</summary>
    public static IncidentEntity From(SourceIncident incident) => new()
    {
        Id = incident.Id,
        WorkspaceId = incident.WorkspaceId,
        SourceId = incident.SourceId,
        Kind = incident.Kind,
        Details = incident.Details,
        Status = incident.Status,
        OpenedAt = incident.OpenedAt,
        ResolvedAt = incident.ResolvedAt,
    };

    /// <summary>The incident this row holds.</summary>
    public SourceIncident ToIncident() => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        SourceId = SourceId,
        Kind = Kind,
        Details = Details,
        Status = Status,
        OpenedAt = OpenedAt,
        ResolvedAt = ResolvedAt,
    };
}
