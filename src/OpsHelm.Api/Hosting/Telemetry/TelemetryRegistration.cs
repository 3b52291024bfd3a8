using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Options;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Telemetry;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Storage.Azure;

namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>
/// The one registration of the app's telemetry, for any host: <c>OpsHelm:Telemetry</c> (plus the standard OTLP and Application
/// Insights variables) validated at start; OpenTelemetry providers for the OpsHelm source and meter, ASP.NET Core and
/// HttpClient, exporting over OTLP and/or to Azure Monitor (Entra ID for ingestion when the platform asks); a flush when the
/// app stops; the webhook acknowledgement timer; and the provider-call handler on the Gmail and WhatsApp HTTP clients (the
/// Graph client adds its own). Call it before the other hosted services are added, so it stops last.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Adds telemetry.</summary>
    public static IServiceCollection AddOpsHelmTelemetry(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    options.OtlpEndpoint = configuration[TelemetryOptions.StandardEndpointVariable];
                }
                options.ApplicationInsightsConnectionString ??= configuration[TelemetryOptions.ConnectionStringVariable];
                options.ApplicationInsightsAuthentication ??= configuration[TelemetryOptions.AuthenticationVariable];
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddOptions<AzureMonitorExporterOptions>().Configure<IOptions<TelemetryOptions>>((exporter, telemetry) =>
        {
            var settings = telemetry.Value;
            exporter.ConnectionString = settings.ApplicationInsightsConnectionString;
            if (settings.UsesEntraIngestion)
            {
                exporter.Credential = AzureCredentials.For(settings.IngestionClientId);
            }
        });
        services.AddSingleton<TelemetryProviders>();
        services.AddHostedService<TelemetryStartup>();
        services.AddTransient<IStartupFilter, WebhookLatency.StartupFilter>();
        services.AddHttpClient(nameof(GmailConnection)).AddHttpMessageHandler(() => new ProviderCallHandler("Gmail"));
        services.AddHttpClient(nameof(GmailPushHandler)).AddHttpMessageHandler(() => new ProviderCallHandler("Gmail"));
        services.AddHttpClient(nameof(WhatsAppMediaClient)).AddHttpMessageHandler(() => new ProviderCallHandler("WhatsApp"));
        return services;
    }
}
