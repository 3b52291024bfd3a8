using Microsoft.DurableTask;
using OpsHelm.Core.Work;

namespace OpsHelm.DurableWorker.StandIn;

/// <summary>
/// STAND-IN for the real <c>IngestionOrchestrator</c> (src/OpsHelm.Functions/Ingestion, helper <c>durable</c>), of the same
/// shape and registered under the same names, so the kill-test harness could be proven before the real one existed:
/// pull a page → one ProcessMessage per key (retried; after the last attempt RecordProcessingFailure) → fan in →
/// CommitCheckpoints → ContinueAsNew, and FinalizeRun after the last page.
/// </summary>
public static class StandInIngestionOrchestrator
{
    /// <summary>Three attempts, one second apart, then the message is recorded as failed.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1)));

    /// <summary>One generation: one page, then ContinueAsNew, or the finalized run after the last page.</summary>
    public static async Task<StandInRunState?> RunAsync(TaskOrchestrationContext context, StandInRunState state)
    {
        var runId = state.RunId ?? context.NewGuid().ToString("n");
        var page = await context.CallActivityAsync<StandInPage>("PullPage", new StandInPullRequest(state.WorkspaceId, runId, state.Cursor ?? []));
        var outcomes = await Task.WhenAll(page.EventKeys.Select(key => ProcessAsync(context, new StandInItemRequest(state.WorkspaceId, runId, key))));
        await context.CallActivityAsync("CommitCheckpoints", new StandInCommitRequest(state.WorkspaceId, page.Checkpoints));
        var next = state with
        {
            RunId = runId,
            Cursor = page.Cursor,
            Pages = state.Pages + 1,
            Fetched = state.Fetched + page.EventKeys.Count,
            New = state.New + outcomes.Count(o => o == nameof(ItemDisposition.New)),
            AlreadyRecorded = state.AlreadyRecorded + outcomes.Count(o => o == nameof(ItemDisposition.AlreadyRecorded)),
            Failed = state.Failed + outcomes.Count(o => o == "Failed"),
        };
        if (!page.Exhausted)
        {
            context.ContinueAsNew(next);
            return null;
        }
        await context.CallActivityAsync("FinalizeRun", next);
        return next;
    }

    private static async Task<string> ProcessAsync(TaskOrchestrationContext context, StandInItemRequest request)
    {
        try
        {
            return await context.CallActivityAsync<string>("ProcessMessage", request, Retry);
        }
        catch (TaskFailedException failed)
        {
            await context.CallActivityAsync("RecordProcessingFailure", request with { Error = failed.FailureDetails.ErrorMessage });
            return "Failed";
        }
    }
}
