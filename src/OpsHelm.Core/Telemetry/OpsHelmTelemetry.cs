using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpsHelm.Core.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> and <see cref="Meter"/> every OpsHelm span and instrument belongs to, both named
/// <see cref="Name"/>. BCL types only: an exporter (the Functions app's OTLP one, or a test's) subscribes by that name,
/// and without a subscriber starting a span returns null and recording a measurement does nothing.
/// </summary>
public static class OpsHelmTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "OpsHelm";

    private static readonly string? Version = typeof(OpsHelmTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>Where OpsHelm's spans start.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>Where OpsHelm's instruments are created.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Bucket bounds (seconds) for things that take milliseconds to seconds: HTTP calls, acknowledgements, one work item.</summary>
    public static IReadOnlyList<double> ShortDurationBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30];

    /// <summary>Bucket bounds (seconds) for whole runs, which take seconds to an hour.</summary>
    public static IReadOnlyList<double> RunDurationBuckets { get; } = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    /// <summary>A histogram of seconds on the OpsHelm meter with <paramref name="buckets"/> as its advised bounds.</summary>
    public static Histogram<double> SecondsHistogram(string name, string description, IReadOnlyList<double> buckets) =>
        Meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    /// <summary>Marks <paramref name="activity"/> failed by <paramref name="error"/>: status Error and <c>error.type</c>, never the message (it may quote provider data).</summary>
    public static void Failed(Activity? activity, Exception error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity?.SetTag(TelemetryTags.ErrorType, error.GetType().FullName);
    }
}
