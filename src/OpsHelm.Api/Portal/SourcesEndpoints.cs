using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Portal;

/// <summary>One mailbox or WhatsApp number of a workspace, as the sources page shows it.</summary>
/// <param name="Id">Mailbox address or WhatsApp phone number id.</param>
/// <param name="Kind">Graph, Gmail or WhatsApp.</param>
/// <param name="Health">Its connection state, when known.</param>
/// <param name="Folders">Its checkpoints, one per folder.</param>
/// <param name="Incidents">Its open incidents.</param>
public sealed record SourceView(string Id, string Kind, SourceHealth? Health, IReadOnlyList<SourceFolder> Folders, IReadOnlyList<SourceIncident> Incidents);

/// <summary>One folder's checkpoint.</summary>
/// <param name="Folder">Folder.</param>
/// <param name="LastSuccessfulRun">The last run that finished it.</param>
/// <param name="LastProcessedMessageId">The last message read there.</param>
public sealed record SourceFolder(string Folder, DateTimeOffset? LastSuccessfulRun, string? LastProcessedMessageId);

/// <summary><c>GET …/sources</c>: each mailbox and WhatsApp number with its checkpoints, connection state and open incidents.</summary>
public static class SourcesEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/sources", ListSourcesAsync)
        .WithName("ListSources")
        .WithSummary("Each mailbox and WhatsApp number with its checkpoints, connection state and open incidents.");

    /// <summary>The workspace's sources.</summary>
    public static async Task<Ok<List<SourceView>>> ListSourcesAsync(
        string workspaceId, WorkspaceRegistry registry, IProcessingStateStore states, ISourceHealthStore health, CancellationToken cancellationToken)
    {
        var config = registry.Find(workspaceId)!;
        var checkpoints = await states.ListAsync(workspaceId, cancellationToken);
        var healthBySource = (await health.ListAsync(workspaceId, cancellationToken)).ToDictionary(h => h.SourceId, StringComparer.OrdinalIgnoreCase);
        var incidents = await health.ListIncidentsAsync(workspaceId, "Open", cancellationToken);
        var sources = config.Mailboxes.Select(m => new SourceView(
            m.Address,
            m.Provider,
            healthBySource.GetValueOrDefault(m.Address),
            Folders(checkpoints.Where(c => c.Mailbox.Equals(m.Address, StringComparison.OrdinalIgnoreCase))),
            incidents.Where(i => i.SourceId.Equals(m.Address, StringComparison.OrdinalIgnoreCase)).ToList())).ToList();
        if (config.WhatsApp is { PhoneNumberId: { Length: > 0 } numberId })
        {
            sources.Add(new SourceView(
                numberId,
                "WhatsApp",
                healthBySource.GetValueOrDefault(numberId),
                Folders(checkpoints.Where(c => c.Mailbox == numberId)),
                incidents.Where(i => i.SourceId == numberId).ToList()));
        }
        return TypedResults.Ok(sources);
    }

    private static List<SourceFolder> Folders(IEnumerable<ProcessingState> checkpoints) =>
        checkpoints.Select(c => new SourceFolder(c.Folder, c.LastSuccessfulRun, c.LastProcessedMessageId)).ToList();
}
