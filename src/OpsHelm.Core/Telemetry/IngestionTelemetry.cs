using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpsHelm.Core.Telemetry;

/// <summary>Spans and metrics of the run steps: each page's pull, each attempt at a message, and the run's finalization.</summary>
internal static class IngestionTelemetry
{
    /// <summary>The span of one page's pull.</summary>
    public const string PullSpan = "opshelm.ingestion.pull_page";

    /// <summary>The span of one attempt at a message.</summary>
    public const string ItemSpan = "opshelm.ingestion.process_message";

    /// <summary>The span of a run's finalization (the fan-in).</summary>
    public const string FinalizeSpan = "opshelm.run.finalize";

    private static readonly Counter<long> Pages = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.pull.pages", "{page}", "Pages pulled, by workspace and trigger.");

    private static readonly Counter<long> Items = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.pull.items", "{item}", "Items pulled, by workspace and trigger.");

    private static readonly Counter<long> Processed = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.messages.processed", "{attempt}", "Attempts at messages, by workspace and outcome (Done, Failed, ProcessingFailed).");

    private static readonly Histogram<double> ItemDuration = OpsHelmTelemetry.SecondsHistogram(
        "opshelm.message.duration", "How long one attempt at a message took, by workspace and outcome.", OpsHelmTelemetry.ShortDurationBuckets);

    /// <summary>Starts the span of a page's pull for run <paramref name="runId"/>.</summary>
    public static Activity? StartPull(string workspaceId, string runId, string trigger) => OpsHelmTelemetry.Source.StartActivity(PullSpan)?
        .SetTag(TelemetryTags.WorkspaceId, workspaceId).SetTag(TelemetryTags.RunId, runId).SetTag(TelemetryTags.Trigger, trigger);

    /// <summary>Counts one page of <paramref name="items"/> pulled.</summary>
    public static void PagePulled(Activity? activity, string workspaceId, string trigger, int items)
    {
        var workspace = new KeyValuePair<string, object?>(TelemetryTags.WorkspaceId, workspaceId);
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Trigger, trigger);
        Pages.Add(1, workspace, tag);
        Items.Add(items, workspace, tag);
        activity?.SetTag(TelemetryTags.Items, items);
    }

    /// <summary>Starts the span of one attempt at the message <paramref name="resultId"/>.</summary>
    public static Activity? StartItem(string workspaceId, string runId, string resultId) => OpsHelmTelemetry.Source.StartActivity(ItemSpan)?
        .SetTag(TelemetryTags.WorkspaceId, workspaceId).SetTag(TelemetryTags.RunId, runId).SetTag(TelemetryTags.MessageId, resultId);

    /// <summary>Records an attempt that ended in <paramref name="outcome"/> after <paramref name="elapsed"/>.</summary>
    public static void ItemProcessed(Activity? activity, string workspaceId, string outcome, TimeSpan elapsed)
    {
        var workspace = new KeyValuePair<string, object?>(TelemetryTags.WorkspaceId, workspaceId);
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome);
        Processed.Add(1, workspace, tag);
        ItemDuration.Record(elapsed.TotalSeconds, workspace, tag);
        activity?.SetTag(TelemetryTags.Outcome, outcome);
        if (outcome != "Done")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>Starts the span of the finalization of run <paramref name="runId"/>.</summary>
    public static Activity? StartFinalize(string workspaceId, string runId) => OpsHelmTelemetry.Source.StartActivity(FinalizeSpan)?
        .SetTag(TelemetryTags.WorkspaceId, workspaceId).SetTag(TelemetryTags.RunId, runId);
}
