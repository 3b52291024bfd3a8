using OpsHelm.Core.Ports;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/sources</c>: each mailbox and WhatsApp number with its checkpoints, connection state and open incidents.</summary>
public static class ListSourcesFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/sources", async (string workspaceId, WorkspaceRegistry registry, IProcessingStateStore states, ISourceHealthStore health, CancellationToken cancellationToken) =>
        {
            var config = registry.Find(workspaceId)!;
            var checkpoints = await states.ListAsync(workspaceId, cancellationToken);
            var healthBySource = (await health.ListAsync(workspaceId, cancellationToken)).ToDictionary(h => h.SourceId, StringComparer.OrdinalIgnoreCase);
            var incidents = await health.ListIncidentsAsync(workspaceId, "Open", cancellationToken);
            var sources = config.Mailboxes.Select(m => new
            {
                id = m.Address,
                kind = m.Provider,
                health = healthBySource.GetValueOrDefault(m.Address),
                folders = checkpoints.Where(c => c.Mailbox.Equals(m.Address, StringComparison.OrdinalIgnoreCase))
                    .Select(c => new { c.Folder, c.LastSuccessfulRun, c.LastProcessedMessageId }),
                incidents = incidents.Where(i => i.SourceId.Equals(m.Address, StringComparison.OrdinalIgnoreCase)),
            }).ToList();
            if (config.WhatsApp is { PhoneNumberId: { Length: > 0 } numberId } whatsApp)
            {
                sources.Add(new
                {
                    id = numberId,
                    kind = "WhatsApp",
                    health = healthBySource.GetValueOrDefault(numberId),
                    folders = checkpoints.Where(c => c.Mailbox == numberId).Select(c => new { c.Folder, c.LastSuccessfulRun, c.LastProcessedMessageId }),
                    incidents = incidents.Where(i => i.SourceId == numberId),
                });
            }
            return Results.Ok(sources);
        }).WithName("ListSources");
}
