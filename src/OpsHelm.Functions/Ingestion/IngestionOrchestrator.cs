using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OpsHelm.Core.Ingestion;

namespace OpsHelm.Functions.Ingestion;

/// <summary>
/// A workspace's ingestion as a Durable orchestration, one instance per workspace (<c>ingest:{workspaceId}</c>) and one
/// page per execution: pull the page (keys only; bodies stay in the archive) → process its messages wave by wave, one
/// retried activity each, a message that fails its last attempt recorded as ProcessingFailed → fan in → write the page's
/// checkpoints → <c>ContinueAsNew</c> with the cursor and counts, so the history stays one page long → finalize the run.
/// A <c>notice</c> event during a run (or a notice left pending) starts one more run after it; a backfill stopped by its
/// page cap continues in the next run.
/// </summary>
public static class IngestionOrchestrator
{
    /// <summary>The external event that tells a running instance new mail may be waiting.</summary>
    public const string NoticeEvent = "notice";

    /// <summary>
    /// How every activity is retried: 5 attempts, 5 s first wait doubling to at most 5 minutes (the same backoff the
    /// in-process driver uses). A worker that dies mid-activity is not an attempt: the Durable backend redelivers it.
    /// </summary>
    public static readonly RetryPolicy Retry = new(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5));

    /// <summary>The instance id of <paramref name="workspaceId"/>'s orchestration.</summary>
    public static string InstanceIdOf(string workspaceId) => "ingest:" + workspaceId;

    /// <summary>The orchestrator function.</summary>
    [Function(nameof(IngestionOrchestrator))]
    public static Task<RunSummary?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(context, context.GetInput<IngestionRequest>() ?? throw new InvalidOperationException("The orchestration needs an IngestionRequest."), Retry);

    /// <summary>One execution: one page of the current run, then continue-as-new, or finalize. Tests register this with a shorter retry.</summary>
    public static async Task<RunSummary?> RunAsync(TaskOrchestrationContext context, IngestionRequest request, RetryPolicy retry)
    {
        var retried = TaskOptions.FromRetryPolicy(retry);
        var notice = context.WaitForExternalEvent<NoticeSignal>(NoticeEvent);
        request = request.Begin(context.NewGuid().ToString("n"), context.CurrentUtcDateTime);
        context.SetCustomStatus(request.Run!.RunId);

        string? error = null;
        if (!request.RunComplete)
        {
            try
            {
                var page = await context.CallActivityAsync<PulledPage>(nameof(PullPage), request.NextPage(), retried);
                var summaries = await ProcessPageAsync(context, request, page, retried);
                await context.CallActivityAsync<int>(nameof(CommitCheckpoints), request.Commit(page), retried);
                request = request.AfterPage(page, summaries);
            }
            catch (TaskFailedException ex)
            {
                // The pull (or a failure's recording, or the commit) failed on every attempt: the page's checkpoints stay where they were.
                error = Describe(ex);
            }
        }
        request = request with { NoticePending = request.NoticePending || notice.IsCompleted };
        if (error is null && !request.RunComplete)
        {
            context.ContinueAsNew(request with { RunId = null });
            return null;
        }
        var summary = await context.CallActivityAsync<RunSummary>(nameof(FinalizeRun), request.Finalize(error), retried);
        request = request with { NoticePending = request.NoticePending || notice.IsCompleted };
        if (request.NextRun(error is not null, summary.PendingNotices) is { } next)
        {
            context.ContinueAsNew(next);
        }
        return summary;
    }

    // Waves in order; the messages of a wave at once (no two share a thread), each recorded or failed on its own.
    private static async Task<IReadOnlyList<ItemSummary>> ProcessPageAsync(TaskOrchestrationContext context, IngestionRequest request, PulledPage page, TaskOptions retried)
    {
        var summaries = new ItemSummary[page.Items.Count];
        var indexed = page.Items.Select((item, index) => (Item: item, Index: index));
        foreach (var wave in indexed.GroupBy(i => i.Item.Wave).OrderBy(g => g.Key))
        {
            await Task.WhenAll(wave.Select(async entry => summaries[entry.Index] = await ProcessMessageAsync(context, request, entry.Item, retried)));
        }
        return summaries;
    }

    private static async Task<ItemSummary> ProcessMessageAsync(TaskOrchestrationContext context, IngestionRequest request, PageItem item, TaskOptions retried)
    {
        try
        {
            return await context.CallActivityAsync<ItemSummary>(nameof(ProcessMessage), request.Process(item), retried);
        }
        catch (TaskFailedException ex)
        {
            return await context.CallActivityAsync<ItemSummary>(nameof(RecordProcessingFailure), request.Failed(item, Describe(ex)), retried);
        }
    }

    private static string Describe(TaskFailedException ex) =>
        ex.FailureDetails is { } details ? $"{details.ErrorType}: {details.ErrorMessage}" : ex.Message;
}

/// <summary>The payload of a <c>notice</c> event: why the workspace was signalled.</summary>
/// <param name="Trigger">Push, Timer or Manual.</param>
public sealed record NoticeSignal(string Trigger);
