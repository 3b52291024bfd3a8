using OpsHelm.Core.Work;
using OpsHelm.Functions.Hosting.CustomHandler;
using OpsHelm.Functions.Work;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>Supervisor</c>: resumes stalled pulls (with an incident), finalizes finished runs, announces overdue items again and starts pulls for pushes nobody answered.</summary>
public sealed class SupervisorFunction(WorkspaceRegistry registry, RunSupervisor supervisor, WorkspaceSources sources, PullCoordinator coordinator) : IInvokedFunction
{
    /// <inheritdoc />
    public string Name => "Supervisor";

    /// <inheritdoc />
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            var report = await supervisor.SuperviseAsync(registry.ProfileOf(workspace.Id), () => sources.For(workspace), cancellationToken);
            logs.Add($"{workspace.Id}: {report.Resumed} stalled pulls resumed, {report.Finalized} runs finalized, {report.Reannounced} overdue items announced again");
        }
        logs.Add($"{await coordinator.CheckAsync(cancellationToken)} pulls started or resumed for waiting pushes and unfinished runs");
        return new InvocationResponse(new Dictionary<string, object?>(), logs, null);
    }
}
