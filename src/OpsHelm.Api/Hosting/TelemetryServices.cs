using Microsoft.Extensions.Options;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Telemetry;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Api.Hosting.Telemetry;

namespace OpsHelm.Api.Hosting;

/// <summary>
/// Registers OpenTelemetry from <c>OpsHelm:Telemetry</c>: the OTLP-exporting providers (created at start, flushed when the
/// container is disposed), the webhook acknowledgement timer, and the provider-call handler on the Gmail and WhatsApp
/// HTTP clients (the Graph client adds its own). Call it before the other hosted services are added.
/// </summary>
public static class TelemetryServices
{
    /// <summary>Adds telemetry.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    options.OtlpEndpoint = configuration[TelemetryOptions.StandardEndpointVariable];
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<TelemetryProviders>();
        services.AddHostedService<TelemetryStartup>();
        services.AddTransient<IStartupFilter, WebhookLatency.StartupFilter>();
        services.AddHttpClient(nameof(GmailConnection)).AddHttpMessageHandler(() => new ProviderCallHandler("Gmail"));
        services.AddHttpClient(nameof(GmailPushHandler)).AddHttpMessageHandler(() => new ProviderCallHandler("Gmail"));
        services.AddHttpClient(nameof(WhatsAppMediaClient)).AddHttpMessageHandler(() => new ProviderCallHandler("WhatsApp"));
        return services;
    }
}
