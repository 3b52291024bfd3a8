using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpsHelm.Core.Tests.Telemetry;

/// <summary>
/// Real OpenTelemetry SDK providers subscribed to "OpsHelm", exporting into lists (the SDK's own extension point,
/// <see cref="BaseExporter{T}"/>; the InMemory exporter package is not in the feed). The capture opens a root span, so
/// the spans of this test are those of its trace; metric points are told apart by a workspace id the test owns, since
/// other tests may record on the same static instruments at the same time.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("OpsHelm.Tests");

    private readonly SpanCollector _spans = new();
    private readonly MetricCollector _metrics = new();
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource("OpsHelm", TestSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new SimpleActivityExportProcessor(_spans))
            .Build()!;
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter("OpsHelm")
            .AddReader(new BaseExportingMetricReader(_metrics) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative })
            .Build()!;
        Root = TestSource.StartActivity("test")!;
    }

    /// <summary>The test's own span: what it calls runs under it.</summary>
    public Activity Root { get; }

    /// <summary>Starts a span as a provider call inside a source would (to see what it nests under).</summary>
    public static Activity? StartSourceCall(string name) => TestSource.StartActivity(name);

    /// <summary>The finished spans of this test's trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans.Finished.Where(a => a.TraceId == Root.TraceId)];

    /// <summary>The spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> SpansNamed(string name) => [.. Spans.Where(a => a.OperationName == name)];

    /// <summary>Collects now and returns the cumulative points of <paramref name="workspaceId"/>.</summary>
    public IReadOnlyList<MetricPointCopy> Points(string workspaceId)
    {
        _meter.ForceFlush().ShouldBeTrue("the metric reader collected");
        return [.. _metrics.Latest.Where(p => Equals(p.Tag("opshelm.workspace.id"), workspaceId))];
    }

    public void Dispose()
    {
        Root.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
    }

    private sealed class SpanCollector : BaseExporter<Activity>
    {
        public ConcurrentQueue<Activity> Finished { get; } = new();

        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                Finished.Enqueue(activity);
            }
            return ExportResult.Success;
        }
    }

    private sealed class MetricCollector : BaseExporter<Metric>
    {
        public IReadOnlyList<MetricPointCopy> Latest { get; private set; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            // The SDK reuses its Metric objects: copy what the assertions need while the batch is valid.
            var points = new List<MetricPointCopy>();
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var tag in point.Tags)
                    {
                        tags[tag.Key] = tag.Value;
                    }
                    var histogram = metric.MetricType == MetricType.Histogram;
                    points.Add(new MetricPointCopy(metric.Name, metric.Unit, tags,
                        histogram ? point.GetHistogramCount() : metric.MetricType == MetricType.LongSum ? point.GetSumLong() : 0,
                        histogram ? point.GetHistogramSum() : 0));
                }
            }
            Latest = points;
            return ExportResult.Success;
        }
    }
}

/// <summary>One metric point as exported: for a counter <paramref name="Value"/> is its sum, for a histogram its count.</summary>
internal sealed record MetricPointCopy(string Name, string Unit, IReadOnlyDictionary<string, object?> Tags, long Value, double HistogramSum)
{
    public object? Tag(string key) => Tags.GetValueOrDefault(key);
}
