using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>Source states (one document per source) and incidents (one per deterministic incident id) in the workspace's partition.</summary>
internal sealed class CosmosSourceHealthStore(DocumentContainer records) : ISourceHealthStore
{
    public async Task<SourceHealth?> GetAsync(string workspaceId, string sourceId, CancellationToken cancellationToken) =>
        await records.ReadAsync(workspaceId, DocumentIds.For(DocumentTypes.Health, sourceId), cancellationToken) is { } document
            ? CosmosJson.FromData(document, StoreJson.Default.SourceHealth)
            : null;

    public async Task<IReadOnlyList<SourceHealth>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var documents = await records.QueryAsync(workspaceId, DocumentQuery.Of(workspaceId, DocumentTypes.Health), cancellationToken);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.SourceHealth)).OrderBy(h => h.SourceId, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(SourceHealth health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        WorkspaceRegistry.Check(health.WorkspaceId);
        await records.UpsertAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Health, health.SourceId),
            WorkspaceId = health.WorkspaceId,
            Type = DocumentTypes.Health,
            Status = health.State.ToLowerInvariant(),
            Data = CosmosJson.ToData(health, StoreJson.Default.SourceHealth),
        }, cancellationToken);
    }

    public async Task SaveIncidentAsync(SourceIncident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        WorkspaceRegistry.Check(incident.WorkspaceId);
        await records.UpsertAsync(new RecordDocument
        {
            Id = DocumentIds.For(DocumentTypes.Incident, incident.Id),
            WorkspaceId = incident.WorkspaceId,
            Type = DocumentTypes.Incident,
            SortAt = incident.OpenedAt.ToUnixTimeMilliseconds(),
            Status = incident.Status.ToLowerInvariant(),
            Lookup = incident.SourceId,
            Data = CosmosJson.ToData(incident, StoreJson.Default.SourceIncident),
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SourceIncident>> ListIncidentsAsync(string workspaceId, string? status, CancellationToken cancellationToken)
    {
        var query = status is null
            ? DocumentQuery.Of(workspaceId, DocumentTypes.Incident)
            : DocumentQuery.Of(workspaceId, DocumentTypes.Incident, "c.status = @status").WithParameter("@status", status.ToLowerInvariant());
        var documents = await records.QueryAsync(workspaceId, query, cancellationToken);
        return documents.Select(d => CosmosJson.FromData(d, StoreJson.Default.SourceIncident))
            .OrderByDescending(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }
}
