using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary><c>GET …/exceptions?status=&amp;reason=</c>: the exceptions queue.</summary>
public static class ExceptionsEndpoints
{
    private static readonly string[] Statuses = ["Open", "Resolved", "Dismissed"];

    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/exceptions", ListExceptionsAsync)
        .WithName("ListExceptions")
        .WithSummary("The exceptions queue, newest first, optionally of one status (Open, Resolved, Dismissed) and reason.")
        .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>The queue, optionally of one status and reason.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ExceptionRecord>>, ProblemHttpResult>> ListExceptionsAsync(
        string workspaceId, string? status, string? reason, IRecordStore records, CancellationToken cancellationToken)
    {
        if (status is not null && !Statuses.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"status must be one of {string.Join(", ", Statuses)}.");
        }
        var exceptions = await records.ListExceptionsAsync(workspaceId, status, cancellationToken);
        return TypedResults.Ok(reason is null ? exceptions : exceptions.Where(e => e.Reason.ToString().Equals(reason, StringComparison.OrdinalIgnoreCase)).ToList());
    }
}
