using System.Net;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsHelm.Core.Telemetry;
using OpsHelm.Api.Hosting.Telemetry;

namespace OpsHelm.Functions.Tests.Telemetry;

/// <summary>
/// Application Insights through the Azure Monitor OpenTelemetry exporter: the app's spans reach the exporter and its
/// transmission (captured in-process by the exporter's transport; no network), and the platform's settings are checked at start.
/// </summary>
public sealed class AzureMonitorExportTests
{
    private const string InstrumentationKey = "3f1c3a5e-0000-4000-8000-00000000a11c";
    private const string ConnectionString = $"InstrumentationKey={InstrumentationKey};IngestionEndpoint=https://ingest.opshelm.invalid/";

    static AzureMonitorExportTests()
    {
        // The exporter's own usage reports (statsbeat) go to Microsoft; a test sends nothing anywhere.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
    }

    private static ServeApp App(CapturedIngestion ingestion, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings[TelemetryOptions.ConnectionStringVariable] = ConnectionString;
        return new ServeApp(settings, services => services.Configure<AzureMonitorExporterOptions>(exporter =>
        {
            exporter.Transport = new HttpClientTransport(new HttpClient(ingestion));
            exporter.DisableOfflineStorage = true;
            exporter.EnableLiveMetrics = false;
            exporter.Retry.MaxRetries = 0;
            // Every span: the exporter's default rate limit would drop some while other tests record on the same source.
            exporter.TracesPerSecond = null;
            exporter.SamplingRatio = 1.0F;
        }));
    }

    [Fact]
    public async Task The_apps_spans_are_transmitted_by_the_Azure_Monitor_exporter_to_the_ingestion_endpoint()
    {
        var ingestion = new CapturedIngestion();
        var marker = "opshelm.test." + Guid.NewGuid().ToString("n")[..8];
        using var app = App(ingestion);
        var providers = app.Services.GetRequiredService<TelemetryProviders>();
        providers.Exporting.ShouldBeTrue();

        var response = await app.CreateClient().PostAsync("/api/notifications/graph?validationToken=reachability", null);
        using (OpsHelmTelemetry.Source.StartActivity(marker))
        {
        }
        providers.Flush(TimeSpan.FromSeconds(10));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var track = ingestion.Requests.Where(r => r.Uri.Host == "ingest.opshelm.invalid" && r.Uri.AbsolutePath == "/v2.1/track").ToList();
        track.ShouldNotBeEmpty("the exporter transmitted to the connection string's ingestion endpoint");
        var sent = string.Join('\n', track.Select(r => r.Body));
        sent.ShouldContain(InstrumentationKey);
        sent.ShouldContain(marker, Case.Sensitive, "a span of the OpsHelm ActivitySource");
        sent.ShouldContain("\"opshelm.webhook\":\"GraphNotifications\"", Case.Sensitive, "the webhook's ASP.NET Core request span, tagged by the app");
    }

    [Fact]
    public void Ingestion_uses_the_user_assigned_identity_when_the_platform_asks_for_Entra_ID()
    {
        using var app = new ServeApp(new()
        {
            [TelemetryOptions.ConnectionStringVariable] = ConnectionString,
            [TelemetryOptions.AuthenticationVariable] = "Authorization=AAD;ClientId=6a1d7c1e-1111-4222-8333-944455556666",
        });

        var exporter = app.Services.GetRequiredService<IOptions<AzureMonitorExporterOptions>>().Value;

        exporter.ConnectionString.ShouldBe(ConnectionString);
        exporter.Credential.ShouldBeOfType<ManagedIdentityCredential>();
    }

    [Fact]
    public void Without_Entra_ID_the_exporter_has_no_credential()
    {
        using var app = new ServeApp(new() { [TelemetryOptions.ConnectionStringVariable] = ConnectionString });

        app.Services.GetRequiredService<IOptions<AzureMonitorExporterOptions>>().Value.Credential.ShouldBeNull();
    }

    [Theory]
    [InlineData(TelemetryOptions.ConnectionStringVariable, "https://ingest.example/", TelemetryOptions.ConnectionStringVariable)]
    [InlineData(TelemetryOptions.AuthenticationVariable, "Authorization=Key", TelemetryOptions.AuthenticationVariable)]
    [InlineData(TelemetryOptions.AuthenticationVariable, "Authorization=AAD;ClientId=not-a-guid", TelemetryOptions.AuthenticationVariable)]
    public void A_wrong_Application_Insights_setting_stops_the_app_at_start_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [TelemetryOptions.ConnectionStringVariable] = ConnectionString, [key] = value };
        using var app = new ServeApp(settings);

        var error = Should.Throw<OptionsValidationException>(() => app.CreateClient());

        error.Message.ShouldContain(named);
        error.Message.ShouldNotContain(InstrumentationKey);
    }
}
