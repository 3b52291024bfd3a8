using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/commitments</c>: commitments by due date.</summary>
public static class ListCommitmentsFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/commitments", async Task<Ok<IReadOnlyList<Commitment>>> (string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
            TypedResults.Ok(await records.ListCommitmentsAsync(workspaceId, cancellationToken)))
            .WithName("ListCommitments")
            .WithSummary("Commitments (promises in messages we sent), by due date.");
}
