namespace OpsHelm.Functions.Hosting.Telemetry;

/// <summary>Creates the providers when the app starts (registered first, so spans of the other services' start-up are caught); the container disposes them last.</summary>
public sealed class TelemetryStartup(TelemetryProviders providers) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(providers);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
