using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/exceptions?status=&amp;reason=</c>: the exceptions queue.</summary>
public static class ListExceptionsFunction
{
    private static readonly string[] Statuses = ["Open", "Resolved", "Dismissed"];

    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/exceptions", async (string workspaceId, string? status, string? reason, IRecordStore records, CancellationToken cancellationToken) =>
        {
            if (status is not null && !Statuses.Contains(status, StringComparer.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"status must be one of {string.Join(", ", Statuses)}.");
            }
            var exceptions = await records.ListExceptionsAsync(workspaceId, status, cancellationToken);
            return Results.Ok(reason is null ? exceptions : exceptions.Where(e => e.Reason.ToString().Equals(reason, StringComparison.OrdinalIgnoreCase)).ToList());
        }).WithName("ListExceptions");
}
