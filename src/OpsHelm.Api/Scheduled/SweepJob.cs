using System.Runtime.CompilerServices;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Workspaces;
using OpsHelm.Api.Workspaces;

namespace OpsHelm.Api.Scheduled;

/// <summary>
/// Scheduled job <c>Sweep</c>: re-evaluates every workspace's tickets (stale, waiting) and creates follow-up tasks, as a run with
/// trigger Timer and no messages, so what it did shows in the runs list.
/// </summary>
public sealed class SweepJob(WorkspaceRegistry registry, IngestionRunner runner) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => "Sweep";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        foreach (var workspace in registry.All)
        {
            var run = await runner.RunAsync(new RunRequest
            {
                Config = new LoadedWorkspaceConfig(workspace),
                Source = NoMessages.Instance,
                Trigger = "Timer",
            }, cancellationToken);
            logs.Add($"swept {workspace.Id}: run {run.RunId}, {run.Counts.TasksCreated} follow-up tasks");
        }
        return logs;
    }

    private sealed class NoMessages : IMessageSource
    {
        public static NoMessages Instance { get; } = new();

        public string Description => "no messages (sweep only)";

        public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
