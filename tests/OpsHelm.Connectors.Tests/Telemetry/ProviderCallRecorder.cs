using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpsHelm.Connectors.Tests.Telemetry;

/// <summary>
/// Listens to the "OpsHelm" source and meter with the BCL's own listeners and keeps what happens under the recorder's
/// root span: provider-call spans of this test's trace, and the histogram measurements recorded while one of them was current
/// (other tests may call providers at the same time; their measurements belong to other traces).
/// </summary>
internal sealed class ProviderCallRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("OpsHelm.Connectors.Tests");

    private readonly ActivityListener _spans;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _finished = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public ProviderCallRecorder()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "OpsHelm" or "OpsHelm.Connectors.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);
        Root = TestSource.StartActivity("test")!;
        var trace = Root.TraceId;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "OpsHelm" && instrument.Name == "opshelm.provider.call.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (Activity.Current?.TraceId == trace)
            {
                _measurements.Enqueue(new Measurement(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        _meters.Start();
    }

    public Activity Root { get; }

    /// <summary>The finished <c>opshelm.provider.call</c> spans of this test.</summary>
    public IReadOnlyList<Activity> Calls => [.. _finished.Where(a => a.TraceId == Root.TraceId && a.OperationName == "opshelm.provider.call")];

    /// <summary>The <c>opshelm.provider.call.duration</c> measurements of this test.</summary>
    public IReadOnlyList<Measurement> Durations => [.. _measurements];

    public void Dispose()
    {
        Root.Dispose();
        _spans.Dispose();
        _meters.Dispose();
    }

    internal sealed record Measurement(double Seconds, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? Tag(string key) => Tags.GetValueOrDefault(key);
    }
}
