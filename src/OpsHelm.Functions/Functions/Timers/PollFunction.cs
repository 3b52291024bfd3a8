using OpsHelm.Functions.Hosting.CustomHandler;
using OpsHelm.Functions.Work;
using OpsHelm.Functions.Workspaces;

namespace OpsHelm.Functions.Functions.Timers;

/// <summary>Timer <c>Poll</c>: pulls every workspace, the fallback that catches what pushes missed (a pull already in flight is left alone).</summary>
public sealed class PollFunction(WorkspaceRegistry registry, PullCoordinator coordinator) : IInvokedFunction
{
    /// <inheritdoc />
    public string Name => "Poll";

    /// <inheritdoc />
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            var start = await coordinator.RequestAsync(workspace, "Timer", null, cancellationToken);
            logs.Add(start.Started ? $"pulling {workspace.Id}: run {start.Run.RunId}" : $"{workspace.Id}: run {start.Run.RunId} already in flight");
        }
        return new InvocationResponse(new Dictionary<string, object?>(), logs, null);
    }
}
