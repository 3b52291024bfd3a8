using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpsHelm.Core.Tests.Telemetry;

/// <summary>
/// Real OpenTelemetry SDK providers subscribed to "OpsHelm", exporting into lists through OpenTelemetry's in-memory
/// exporter. The capture opens a root span, so the spans of this test are those of its trace; metric points are told apart
/// by a workspace id the test owns, since other tests may record on the same static instruments at the same time.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("OpsHelm.Tests");

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource("OpsHelm", TestSource.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(new QueueCollection(_spans))
            .Build()!;
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter("OpsHelm")
            .AddInMemoryExporter(_metrics, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative)
            .Build()!;
        Root = TestSource.StartActivity("test")!;
    }

    /// <summary>The test's own span: what it calls runs under it.</summary>
    public Activity Root { get; }

    /// <summary>Starts a span as a provider call inside a source would (to see what it nests under).</summary>
    public static Activity? StartSourceCall(string name) => TestSource.StartActivity(name);

    /// <summary>The finished spans of this test's trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans.Where(a => a.TraceId == Root.TraceId)];

    /// <summary>The spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> SpansNamed(string name) => [.. Spans.Where(a => a.OperationName == name)];

    /// <summary>Collects now and returns the cumulative points of <paramref name="workspaceId"/>.</summary>
    public IReadOnlyList<MetricPointCopy> Points(string workspaceId)
    {
        lock (_metrics)
        {
            _metrics.Clear();
            _meter.ForceFlush().ShouldBeTrue("the metric reader collected");
            return [.. _metrics.SelectMany(Copy).Where(p => Equals(p.Tag("opshelm.workspace.id"), workspaceId))];
        }
    }

    public void Dispose()
    {
        Root.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
    }

    // The snapshots hold copies of the points; the tags and values the assertions read are taken from them.
    private static IEnumerable<MetricPointCopy> Copy(MetricSnapshot metric)
    {
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }
            var histogram = metric.MetricType == MetricType.Histogram;
            yield return new MetricPointCopy(metric.Name, metric.Unit, tags,
                histogram ? point.GetHistogramCount() : metric.MetricType == MetricType.LongSum ? point.GetSumLong() : 0,
                histogram ? point.GetHistogramSum() : 0);
        }
    }

    /// <summary>A thread-safe collection for the in-memory exporter (spans end on many threads).</summary>
    private sealed class QueueCollection(ConcurrentQueue<Activity> queue) : ICollection<Activity>
    {
        public int Count => queue.Count;
        public bool IsReadOnly => false;
        public void Add(Activity item) => queue.Enqueue(item);
        public void Clear() => queue.Clear();
        public bool Contains(Activity item) => queue.Contains(item);
        public void CopyTo(Activity[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);
        public bool Remove(Activity item) => throw new NotSupportedException();
        public IEnumerator<Activity> GetEnumerator() => queue.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>One metric point as exported: for a counter <paramref name="Value"/> is its sum, for a histogram its count.</summary>
internal sealed record MetricPointCopy(string Name, string Unit, IReadOnlyDictionary<string, object?> Tags, long Value, double HistogramSum)
{
    public object? Tag(string key) => Tags.GetValueOrDefault(key);
}
