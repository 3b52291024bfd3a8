using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>
/// Starts a workspace's ingestion orchestration, or signals the one running: the instance id is deterministic and the
/// start deduplicates on Pending, Running and Suspended, so a second start never replaces a running instance.
/// </summary>
public sealed class IngestionStarter(TimeProvider time)
{
    private static readonly StartOrchestrationOptions Dedupe = new StartOrchestrationOptions().WithDedupeStatuses(
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);

    // A start refused because an instance runs, then that instance ends before the signal: start again, a few times.
    private const int Attempts = 3;

    /// <summary>Starts <paramref name="request"/> or signals the running instance; returns the run that answers it.</summary>
    public async Task<RunStart> StartOrSignalAsync(DurableTaskClient client, IngestionRequest request, CancellationToken cancellationToken)
    {
        var instanceId = IngestionOrchestrator.InstanceIdOf(request.WorkspaceId);
        var runId = request.RunId ?? Guid.CreateVersion7(time.GetUtcNow()).ToString("n");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(IngestionOrchestrator), request with { RunId = runId },
                    Dedupe with { InstanceId = instanceId }, cancellationToken);
                return new RunStart(runId, Started: true);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // One is running: it hears of this through the notice event.
            }
            var running = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (running is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
            {
                await client.RaiseEventAsync(instanceId, IngestionOrchestrator.NoticeEvent, new NoticeSignal(request.Trigger), cancellationToken);
                return new RunStart(CurrentRunOf(running) ?? runId, Started: false);
            }
            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Instance {instanceId} could be neither started nor signalled.");
            }
        }
    }

    // The orchestration keeps its current run id as its custom status.
    private static string? CurrentRunOf(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is { Length: > 2 } status ? System.Text.Json.JsonSerializer.Deserialize<string>(status) : null;
}
