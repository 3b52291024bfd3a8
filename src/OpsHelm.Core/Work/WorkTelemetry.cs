using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpsHelm.Core.Records;
using OpsHelm.Core.Work;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Core.Work;

/// <summary>Spans and metrics of fan-out runs: the pull, each work item's processing, and the run's finalization.</summary>
internal static class WorkTelemetry
{
    /// <summary>The span of a fan-out pull (reading the source and enqueuing its items).</summary>
    public const string PullSpan = "opshelm.fanout.pull";

    /// <summary>The span of one work item's processing.</summary>
    public const string ItemSpan = "opshelm.work_item.process";

    /// <summary>The span of a run's finalization (the fan-in).</summary>
    public const string FinalizeSpan = "opshelm.run.finalize";

    private static readonly Counter<long> Pages = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.pull.pages", "{page}", "Source pages fan-out pulls enqueued, by workspace and trigger.");

    private static readonly Counter<long> Items = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.pull.items", "{item}", "Work items fan-out pulls enqueued, by workspace and trigger.");

    private static readonly Counter<long> Processed = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.work_items.processed", "{item}", "Work item attempts finished, by workspace and outcome (Done, Retried, DeadLettered, LeaseLost).");

    private static readonly Histogram<double> ItemDuration = OpsHelmTelemetry.SecondsHistogram(
        "opshelm.work_item.duration", "How long one attempt at a work item took, by workspace and outcome.", OpsHelmTelemetry.ShortDurationBuckets);

    /// <summary>Starts the span of the pull of <paramref name="run"/>.</summary>
    public static Activity? StartPull(IngestionRun run) => OpsHelmTelemetry.Source.StartActivity(PullSpan)?
        .SetTag(TelemetryTags.WorkspaceId, run.WorkspaceId).SetTag(TelemetryTags.RunId, run.RunId).SetTag(TelemetryTags.Trigger, run.Trigger);

    /// <summary>Counts one page of <paramref name="items"/> enqueued for <paramref name="run"/>.</summary>
    public static void PageEnqueued(IngestionRun run, int items)
    {
        var workspace = new KeyValuePair<string, object?>(TelemetryTags.WorkspaceId, run.WorkspaceId);
        var trigger = new KeyValuePair<string, object?>(TelemetryTags.Trigger, run.Trigger);
        Pages.Add(1, workspace, trigger);
        Items.Add(items, workspace, trigger);
    }

    /// <summary>Tags the pull's span with how far it got.</summary>
    public static void PullFinished(Activity? activity, FanOutProgress progress) =>
        activity?.SetTag("opshelm.pull.pages", progress.Pages).SetTag(TelemetryTags.Items, progress.Items);

    /// <summary>Starts the span of one attempt at <paramref name="item"/>.</summary>
    public static Activity? StartItem(WorkItem item) => OpsHelmTelemetry.Source.StartActivity(ItemSpan)?
        .SetTag(TelemetryTags.WorkspaceId, item.WorkspaceId).SetTag(TelemetryTags.RunId, item.RunId)
        .SetTag("opshelm.work_item.id", item.Id).SetTag("opshelm.work_item.attempt", item.Attempts);

    /// <summary>Records the attempt at <paramref name="item"/> that ended in <paramref name="state"/> after <paramref name="elapsed"/>.</summary>
    public static void ItemProcessed(Activity? activity, WorkItem item, WorkItemState state, TimeSpan elapsed)
    {
        var outcome = state switch
        {
            WorkItemState.Done => "Done",
            WorkItemState.Pending => "Retried",
            WorkItemState.DeadLettered => "DeadLettered",
            _ => "LeaseLost",
        };
        var workspace = new KeyValuePair<string, object?>(TelemetryTags.WorkspaceId, item.WorkspaceId);
        var tag = new KeyValuePair<string, object?>("opshelm.work_item.outcome", outcome);
        Processed.Add(1, workspace, tag);
        ItemDuration.Record(elapsed.TotalSeconds, workspace, tag);
        activity?.SetTag("opshelm.work_item.outcome", outcome);
        if (state is WorkItemState.Pending or WorkItemState.DeadLettered)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>Starts the span of the finalization of run <paramref name="runId"/>.</summary>
    public static Activity? StartFinalize(string workspaceId, string runId) => OpsHelmTelemetry.Source.StartActivity(FinalizeSpan)?
        .SetTag(TelemetryTags.WorkspaceId, workspaceId).SetTag(TelemetryTags.RunId, runId);
}
