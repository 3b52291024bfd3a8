using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpsHelm.Api.Health;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;
using OpsHelm.Functions.Hosting;

namespace OpsHelm.Functions.Functions;

/// <summary><c>GET /api/health</c>: 200 with the store's state, 503 when the store does not answer.</summary>
public sealed class HealthFunction(IRecordStore records, WorkspaceRegistry registry, UnroutedDeliveries unrouted, TimeProvider time)
{
    /// <summary>Runs the function.</summary>
    [Function("Health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        new ResultAction(await HealthEndpoint.CheckAsync(records, registry, unrouted, time, cancellationToken));
}
