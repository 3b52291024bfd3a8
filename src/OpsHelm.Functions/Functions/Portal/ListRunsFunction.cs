using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/runs</c> and <c>…/runs/{runId}</c>: runs with counts and coverage.</summary>
public static class ListRunsFunction
{
    private const int MaxRuns = 200;

    /// <summary>Maps the functions.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/runs", async (string workspaceId, int? limit, IRecordStore records, CancellationToken cancellationToken) =>
            Results.Ok(await records.ListRunsAsync(workspaceId, Math.Clamp(limit ?? 50, 1, MaxRuns), cancellationToken)))
            .WithName("ListRuns");
        workspace.MapGet("/runs/{runId}", async (string workspaceId, string runId, IRecordStore records, CancellationToken cancellationToken) =>
            (await records.ListRunsAsync(workspaceId, MaxRuns, cancellationToken)).FirstOrDefault(r => r.RunId == runId) is { } run
                ? Results.Ok(run)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No run '{runId}' in this workspace."))
            .WithName("GetRun");
    }
}
