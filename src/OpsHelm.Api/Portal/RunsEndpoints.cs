using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary><c>GET …/runs</c> and <c>…/runs/{runId}</c>: runs with counts and coverage.</summary>
public static class RunsEndpoints
{
    private const int MaxRuns = 200;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/runs", ListRunsAsync).WithName("ListRuns").WithSummary("Ingestion runs, newest first (limit 1–200, default 50).");
        workspace.MapGet("/runs/{runId}", GetRunAsync).WithName("GetRun").WithSummary("One run with its counts and coverage.");
    }

    /// <summary>Runs, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<IngestionRun>>> ListRunsAsync(string workspaceId, int? limit, IRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.ListRunsAsync(workspaceId, Math.Clamp(limit ?? 50, 1, MaxRuns), cancellationToken));

    /// <summary>One run, or 404.</summary>
    public static async Task<Results<Ok<IngestionRun>, ProblemHttpResult>> GetRunAsync(string workspaceId, string runId, IRecordStore records, CancellationToken cancellationToken) =>
        (await records.ListRunsAsync(workspaceId, MaxRuns, cancellationToken)).FirstOrDefault(r => r.RunId == runId) is { } run
            ? TypedResults.Ok(run)
            : PortalRoutes.NotFound($"No run '{runId}' in this workspace.");
}
