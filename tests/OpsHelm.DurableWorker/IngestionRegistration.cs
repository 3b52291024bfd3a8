using Microsoft.DurableTask;
using OpsHelm.DurableWorker.StandIn;

namespace OpsHelm.DurableWorker;

/// <summary>The orchestrator and activities under the contract's names (FUNCTIONS-CONTRACT: IngestionOrchestrator, PullPage, …).</summary>
public static class IngestionRegistration
{
    /// <summary>The orchestrator's name; its instance id is <c>ingest:{workspaceId}</c>.</summary>
    public const string Orchestrator = "IngestionOrchestrator";

    /// <summary>The workspace's instance id.</summary>
    public static string InstanceId(string workspaceId) => "ingest:" + workspaceId;

    /// <summary>Registers the STAND-IN orchestration (see <see cref="StandInIngestionOrchestrator"/>).</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<StandInRunState, StandInRunState?>(Orchestrator, StandInIngestionOrchestrator.RunAsync);
        registry.AddActivity<StandInPullPage>("PullPage");
        registry.AddActivity<StandInProcessMessage>("ProcessMessage");
        registry.AddActivity<StandInRecordProcessingFailure>("RecordProcessingFailure");
        registry.AddActivity<StandInCommitCheckpoints>("CommitCheckpoints");
        registry.AddActivity<StandInFinalizeRun>("FinalizeRun");
    }

    /// <summary>The input that starts a run of <paramref name="workspaceId"/>.</summary>
    public static object StartInput(string workspaceId) => new StandInRunState(workspaceId);
}
