using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Telemetry;

/// <summary>Spans and metrics of whole runs: the classic runner's <c>opshelm.run</c> span and, for every finished run of either kind, the run instruments.</summary>
internal static class RunTelemetry
{
    /// <summary>The span of one <see cref="Runs.IngestionRunner"/> run.</summary>
    public const string RunSpan = "opshelm.run";

    private static readonly Counter<long> Runs = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.runs", "{run}", "Runs finished, by workspace, trigger and status.");

    private static readonly Histogram<double> Duration = OpsHelmTelemetry.SecondsHistogram(
        "opshelm.run.duration", "How long finished runs took, from start to the summary.", OpsHelmTelemetry.RunDurationBuckets);

    private static readonly Counter<long> Messages = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.run.messages", "{message}", "Messages finished runs newly classified, by category.");

    private static readonly Counter<long> Exceptions = OpsHelmTelemetry.Meter.CreateCounter<long>(
        "opshelm.run.exceptions", "{exception}", "Exception records finished runs newly created, by reason.");

    /// <summary>Starts the span of a classic run (its workspace and id are tagged once known).</summary>
    public static Activity? StartRun(string trigger) =>
        OpsHelmTelemetry.Source.StartActivity(RunSpan)?.SetTag(TelemetryTags.Trigger, trigger);

    /// <summary>Tags <paramref name="activity"/> with the run it became.</summary>
    public static void Started(Activity? activity, IngestionRun run) =>
        activity?.SetTag(TelemetryTags.WorkspaceId, run.WorkspaceId).SetTag(TelemetryTags.RunId, run.RunId);

    /// <summary>Records finished <paramref name="run"/> (Succeeded or Failed) and marks <paramref name="activity"/> with its outcome.</summary>
    public static void Finished(IngestionRun run, Activity? activity, Exception? error = null)
    {
        var workspace = new KeyValuePair<string, object?>(TelemetryTags.WorkspaceId, run.WorkspaceId);
        var trigger = new KeyValuePair<string, object?>(TelemetryTags.Trigger, run.Trigger);
        var status = new KeyValuePair<string, object?>(TelemetryTags.RunStatus, run.Status);
        Runs.Add(1, workspace, trigger, status);
        Duration.Record(run.DurationMs / 1000.0, workspace, trigger, status);
        foreach (var (category, count) in run.Counts.PerCategory)
        {
            Messages.Add(count, workspace, trigger, new(TelemetryTags.Category, category));
        }
        foreach (var (reason, count) in run.Counts.ExceptionsByReason)
        {
            Exceptions.Add(count, workspace, trigger, new(TelemetryTags.ExceptionReason, reason));
        }
        if (activity is null)
        {
            return;
        }
        activity.SetTag(TelemetryTags.RunStatus, run.Status)
            .SetTag("opshelm.run.fetched", run.Counts.Fetched)
            .SetTag("opshelm.run.new", run.Counts.New)
            .SetTag("opshelm.run.exceptions", run.Counts.Exceptions);
        if (error is not null)
        {
            OpsHelmTelemetry.Failed(activity, error);
        }
        else if (run.Status != "Succeeded")
        {
            activity.SetStatus(ActivityStatusCode.Error, run.Status);
        }
    }
}
