using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary><c>GET …/tasks</c>: tasks by due date.</summary>
public static class TasksEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/tasks", ListTasksAsync).WithName("ListTasks").WithSummary("Tasks (asks, promises, stale tickets), by due date.");

    /// <summary>Tasks by due date.</summary>
    public static async Task<Ok<IReadOnlyList<WorkTask>>> ListTasksAsync(string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.ListTasksAsync(workspaceId, cancellationToken));
}
