using System.Globalization;
using OpsHelm.Functions.Work;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary>
/// <c>POST /api/workspaces/{id}/ingest[?since=2026-10-01]</c>: a manual pull. With <c>since</c> it is a backfill from that date:
/// bounded pages per run, no reminders or stale-ticket tasks for what was already past. 202 with the run id; when a
/// pull of the workspace is already in flight, that run's id (<c>started</c> false).
/// </summary>
public static class IngestFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapPost("/ingest", async (string workspaceId, string? since, WorkspaceRegistry registry, PullCoordinator coordinator, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            if (registry.Find(workspaceId) is not { } config)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace.");
            }
            DateTimeOffset? from = null;
            if (since is not null)
            {
                if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "since must be a date or date-time (ISO 8601), e.g. 2026-10-01.");
                }
                if (parsed > time.GetUtcNow())
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "since is in the future.");
                }
                from = parsed;
            }
            var start = await coordinator.RequestAsync(config, from is null ? "Manual" : "Backfill", from, cancellationToken);
            return Results.Accepted($"/api/workspaces/{workspaceId}/runs/{start.Run.RunId}",
                new { runId = start.Run.RunId, trigger = start.Run.Trigger, started = start.Started });
        }).WithName("Ingest");
}
