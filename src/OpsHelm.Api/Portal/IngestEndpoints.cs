using System.Globalization;
using OpsHelm.Api.Ingestion;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Portal;

/// <summary>
/// <c>POST /api/workspaces/{id}/ingest[?since=2026-10-01]</c>: a manual pull. With <c>since</c> it is a backfill from that date:
/// bounded pages per run, no reminders or stale-ticket tasks for what was already past. 202 with the run id; when a
/// run of the workspace is already in flight, that run's id (<c>started</c> false).
/// </summary>
public static class IngestEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapPost("/ingest", StartIngestAsync).WithName("Ingest");

    /// <summary>Starts (or joins) a run; a JSON body from the portal's own origin only (<see cref="StateChangeGuard"/>).</summary>
    public static async Task<IResult> StartIngestAsync(HttpRequest request, string workspaceId, string? since, WorkspaceRegistry registry, IIngestionStarter starter,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (StateChangeGuard.Refusal(request) is { } refusal)
        {
            return refusal;
        }
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
        var start = await starter.StartAsync(config, from is null ? "Manual" : "Backfill", from, cancellationToken);
        return Results.Accepted($"/api/workspaces/{workspaceId}/runs/{start.RunId}", new { runId = start.RunId, trigger = start.Trigger, started = start.Started });
    }
}
