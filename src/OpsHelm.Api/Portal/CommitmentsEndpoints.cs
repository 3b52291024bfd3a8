using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary><c>GET …/commitments</c>: commitments by due date.</summary>
public static class CommitmentsEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/commitments", ListCommitmentsAsync).WithName("ListCommitments").WithSummary("Commitments (promises in messages we sent), by due date.");

    /// <summary>Commitments by due date.</summary>
    public static async Task<Ok<IReadOnlyList<Commitment>>> ListCommitmentsAsync(string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.ListCommitmentsAsync(workspaceId, cancellationToken));
}
