using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OpsHelm.Api.Ingestion;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Functions.Hosting;

/// <summary>
/// Starts a workspace's ingestion orchestration under its deterministic instance id, or, while one runs, raises its
/// <c>notice</c> event instead of starting a second (a second start never replaces a running instance).
/// </summary>
public sealed class DurableIngestionStarter(DurableTaskClient client, TimeProvider time) : IIngestionStarter
{
    /// <summary>The orchestrator's function name.</summary>
    public const string Orchestrator = "IngestionOrchestrator";

    /// <summary>The event a running orchestration takes a notice on.</summary>
    public const string NoticeEvent = "notice";

    private static readonly OrchestrationRuntimeStatus[] Active =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The instance id of <paramref name="workspaceId"/>'s orchestration.</summary>
    public static string InstanceIdOf(string workspaceId) => "ingest:" + workspaceId;

    /// <inheritdoc />
    public async Task<IngestionStart> StartAsync(WorkspaceConfig workspace, string trigger, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var instanceId = InstanceIdOf(workspace.Id);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } existing && Active.Contains(existing.RuntimeStatus))
        {
            await client.RaiseEventAsync(instanceId, NoticeEvent, trigger, cancellationToken);
            var running = existing.ReadInputAs<IngestionRequest>();
            return new IngestionStart(running?.RunId ?? instanceId, running?.Trigger ?? trigger, Started: false);
        }
        var request = new IngestionRequest(workspace.Id, Guid.CreateVersion7(time.GetUtcNow()).ToString("n"), trigger, since);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, request,
                new StartOrchestrationOptions(instanceId) { DedupeStatuses = [.. Active.Select(s => s.ToString())] }, cancellationToken);
            return new IngestionStart(request.RunId, trigger, Started: true);
        }
        catch (InvalidOperationException)
        {
            // Started by someone else between the look and the start: that run carries the work; tell it.
            await client.RaiseEventAsync(instanceId, NoticeEvent, trigger, cancellationToken);
            return new IngestionStart(instanceId, trigger, Started: false);
        }
    }
}

/// <summary>What starts an ingestion orchestration: the workspace, the run id it records, its trigger and an optional backfill start.</summary>
/// <param name="WorkspaceId">Workspace.</param>
/// <param name="RunId">The run the orchestration records.</param>
/// <param name="Trigger">Timer, Push, Manual or Backfill.</param>
/// <param name="Since">Backfill start, when a backfill.</param>
public sealed record IngestionRequest(string WorkspaceId, string RunId, string Trigger, DateTimeOffset? Since);
