using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/tasks</c>: tasks by due date.</summary>
public static class ListTasksFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/tasks", async Task<Ok<IReadOnlyList<WorkTask>>> (string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
            TypedResults.Ok(await records.ListTasksAsync(workspaceId, cancellationToken)))
            .WithName("ListTasks")
            .WithSummary("Tasks (asks, promises, stale tickets), by due date.");
}
