using Microsoft.DurableTask;
using OpsHelm.Core.Ingestion;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.DurableWorker;

/// <summary>
/// The REAL ingestion orchestration of the Functions app (src/OpsHelm.Functions/Ingestion) registered under the names the
/// Functions host gives it: the orchestrator function itself, and each activity function class called as the host calls it.
/// </summary>
public static class IngestionRegistration
{
    /// <summary>The workspace's instance id (the orchestrator's own rule).</summary>
    public static string InstanceId(string workspaceId) => IngestionOrchestrator.InstanceIdOf(workspaceId);

    /// <summary>Registers <see cref="IngestionOrchestrator"/> and its five activities.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        // Typed input, so the [Function] method's own context.GetInput<IngestionRequest>() finds the request deserialized as one.
        registry.AddOrchestratorFunc<IngestionRequest, RunSummary?>(nameof(IngestionOrchestrator), (context, _) => IngestionOrchestrator.RunAsync(context));
        registry.AddActivity(nameof(PullPage), services =>
            FunctionActivity<PullPage, PullPageRequest, PulledPage>.Create(services, (f, request, ct) => f.RunAsync(request, ct)));
        registry.AddActivity(nameof(ProcessMessage), services =>
            FunctionActivity<ProcessMessage, ProcessMessageRequest, ItemSummary>.Create(services, (f, request, ct) => f.RunAsync(request, ct)));
        registry.AddActivity(nameof(RecordProcessingFailure), services =>
            FunctionActivity<RecordProcessingFailure, RecordProcessingFailureRequest, ItemSummary>.Create(services, (f, request, ct) => f.RunAsync(request, ct)));
        registry.AddActivity(nameof(CommitCheckpoints), services =>
            FunctionActivity<CommitCheckpoints, CommitCheckpointsRequest, int>.Create(services, (f, request, ct) => f.RunAsync(request, ct)));
        registry.AddActivity(nameof(FinalizeRun), services =>
            FunctionActivity<FinalizeRun, FinalizeRunRequest, RunSummary>.Create(services, (f, request, ct) => f.RunAsync(request, ct)));
    }
}
