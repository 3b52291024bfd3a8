using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/commitments</c>: commitments by due date.</summary>
public static class ListCommitmentsFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/commitments", async (string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
            Results.Ok(await records.ListCommitmentsAsync(workspaceId, cancellationToken)))
            .WithName("ListCommitments");
}
