using OpsHelm.Core.Ports;

namespace OpsHelm.Functions.Functions.Portal;

/// <summary><c>GET …/tasks</c>: tasks by due date.</summary>
public static class ListTasksFunction
{
    /// <summary>Maps the function.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/tasks", async (string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
            Results.Ok(await records.ListTasksAsync(workspaceId, cancellationToken)))
            .WithName("ListTasks");
}
