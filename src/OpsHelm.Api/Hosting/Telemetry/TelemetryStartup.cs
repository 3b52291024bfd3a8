namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>
/// Creates the providers when the app starts and flushes them when it stops. Registered before the other hosted services,
/// it starts first and stops last, so what they record while stopping is exported too.
/// </summary>
public sealed class TelemetryStartup(TelemetryProviders providers) : IHostedService
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        providers.Flush(FlushTimeout);
        return Task.CompletedTask;
    }
}
