using OpsHelm.Api.Ingestion;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Scheduled;

/// <summary>Scheduled job <c>Poll</c>: pulls every workspace, the fallback that catches what pushes missed (a pull already in flight is left alone).</summary>
public sealed class PollJob(WorkspaceRegistry registry, IIngestionStarter starter) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => "Poll";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            var start = await starter.StartAsync(workspace, "Timer", null, cancellationToken);
            logs.Add(start.Started ? $"pulling {workspace.Id}: run {start.RunId}" : $"{workspace.Id}: run {start.RunId} already in flight");
        }
        return logs;
    }
}
