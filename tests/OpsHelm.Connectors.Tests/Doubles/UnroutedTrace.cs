using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Doubles;

/// <summary>The real <see cref="UnroutedDeliveries"/> over a health store, with its log lines kept.</summary>
internal sealed class UnroutedTrace
{
    public UnroutedTrace(ISourceHealthStore health, TimeProvider? time = null)
    {
        Deliveries = new UnroutedDeliveries(new SourceHealthTracker(health, time ?? TimeProvider.System), time ?? TimeProvider.System, Logger);
    }

    public RecordingLogger<UnroutedDeliveries> Logger { get; } = new();
    public UnroutedDeliveries Deliveries { get; }
}
