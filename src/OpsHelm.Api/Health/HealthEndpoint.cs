using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Health;

/// <summary>
/// <c>GET /api/health</c>: 200 with the store's state, 503 when the store does not answer; <c>unrouted</c> lists the
/// deliveries this host acknowledged but could route to no workspace (provider, key, reason, count), so none is silent.
/// </summary>
public static class HealthEndpoint
{
    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/health", CheckAsync)
        .WithName("Health")
        .WithSummary("Store state for probes: 200 when the store answers, 503 when it does not.")
        .WithTags("Health");

    /// <summary>The store's state.</summary>
    public static async Task<IResult> CheckAsync(IRecordStore records, WorkspaceRegistry registry, UnroutedDeliveries unrouted, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var withRecords = await records.ListWorkspacesAsync(cancellationToken);
            return Results.Ok(new { status = "Healthy", checkedAt = time.GetUtcNow(), store = new { state = "Reachable", workspacesWithRecords = withRecords.Count }, workspaces = registry.All.Count, unrouted = unrouted.Current });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's type only: its message may carry a connection string.
            return Results.Json(new { status = "Unhealthy", checkedAt = time.GetUtcNow(), store = new { state = "Unreachable", error = ex.GetType().Name } }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
