using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/runs</c> and <c>…/runs/{runId}</c>: runs with counts and coverage.</summary>
public static class ListRunsFunction
{
    private const int MaxRuns = 200;

    /// <summary>Maps the functions.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/runs", async Task<Ok<IReadOnlyList<IngestionRun>>> (string workspaceId, int? limit, IRecordStore records, CancellationToken cancellationToken) =>
            TypedResults.Ok(await records.ListRunsAsync(workspaceId, Math.Clamp(limit ?? 50, 1, MaxRuns), cancellationToken)))
            .WithName("ListRuns")
            .WithSummary("Ingestion runs, newest first (limit 1–200, default 50).");
        workspace.MapGet("/runs/{runId}", async Task<Results<Ok<IngestionRun>, ProblemHttpResult>> (string workspaceId, string runId, IRecordStore records, CancellationToken cancellationToken) =>
            (await records.ListRunsAsync(workspaceId, MaxRuns, cancellationToken)).FirstOrDefault(r => r.RunId == runId) is { } run
                ? TypedResults.Ok(run)
                : PortalRoutes.NotFound($"No run '{runId}' in this workspace."))
            .WithName("GetRun")
            .WithSummary("One run with its counts and coverage.");
    }
}
