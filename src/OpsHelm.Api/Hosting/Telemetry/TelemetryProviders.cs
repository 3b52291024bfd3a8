using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OpsHelm.Core.Telemetry;

namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>
/// The OpenTelemetry SDK's tracer and meter providers, exporting over OTLP and/or to Azure Monitor; none when neither is set.
/// A container singleton, flushed when the app stops (<see cref="TelemetryStartup"/>) and shut down when the container is disposed.
/// </summary>
public sealed class TelemetryProviders : IDisposable
{
    // Spans: OpsHelm's, ASP.NET Core's incoming requests and HttpClient's outgoing ones (.NET leaves the query out of their URLs).
    private static readonly string[] Sources = [OpsHelmTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http"];

    // Meters: OpsHelm's, ASP.NET Core's request durations, HttpClient's and the runtime's.
    private static readonly string[] Meters = [OpsHelmTelemetry.Name, "Microsoft.AspNetCore.Hosting", "System.Net.Http", "System.Runtime"];

    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    /// <summary>Creates the providers for <paramref name="options"/>, with <paramref name="azureMonitor"/> when Application Insights is set.</summary>
    public TelemetryProviders(IOptions<TelemetryOptions> options, IOptions<AzureMonitorExporterOptions> azureMonitor)
    {
        var settings = options.Value;
        if (settings.Endpoint is null && !settings.ExportsToAzureMonitor)
        {
            return;
        }
        var version = typeof(TelemetryProviders).Assembly.GetName().Version?.ToString();
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName, serviceVersion: version);
        var tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources);
        var meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Meters);
        if (settings.Endpoint is { } endpoint)
        {
            tracer.AddOtlpExporter(exporter =>
            {
                Point(exporter, settings, endpoint, "v1/traces");
                exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = (int)settings.TraceExportDelay.TotalMilliseconds;
            });
            meter.AddOtlpExporter((exporter, reader) =>
            {
                Point(exporter, settings, endpoint, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
            });
        }
        if (settings.ExportsToAzureMonitor)
        {
            var configured = azureMonitor.Value;
            tracer.AddAzureMonitorTraceExporter(exporter => Copy(configured, exporter));
            meter.AddAzureMonitorMetricExporter(exporter => Copy(configured, exporter));
        }
        _tracer = tracer.Build();
        _meter = meter.Build();
    }

    /// <summary>True when an exporter is set and the providers exist.</summary>
    public bool Exporting => _tracer is not null;

    /// <summary>Exports what is buffered now, waiting at most <paramref name="timeout"/> for each signal.</summary>
    public void Flush(TimeSpan timeout)
    {
        _tracer?.ForceFlush((int)timeout.TotalMilliseconds);
        _meter?.ForceFlush((int)timeout.TotalMilliseconds);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }

    // The exporter extensions take a callback, not an instance: the registered options are copied in.
    private static void Copy(AzureMonitorExporterOptions from, AzureMonitorExporterOptions to)
    {
        to.ConnectionString = from.ConnectionString;
        to.Credential = from.Credential;
        to.DisableOfflineStorage = from.DisableOfflineStorage;
        to.StorageDirectory = from.StorageDirectory;
        to.SamplingRatio = from.SamplingRatio;
        to.TracesPerSecond = from.TracesPerSecond;
        to.EnableLiveMetrics = from.EnableLiveMetrics;
        to.Transport = from.Transport;
        to.Retry.MaxRetries = from.Retry.MaxRetries;
    }

    private static void Point(OtlpExporterOptions exporter, TelemetryOptions settings, Uri endpoint, string signalPath)
    {
        exporter.Protocol = settings.UsesGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        // An endpoint set in code is used as it is: over HTTP each signal has its own path under the base address.
        exporter.Endpoint = settings.UsesGrpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }
}
