using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsHelm.Api.Hosting;
using OpsHelm.Api.Hosting.Telemetry;

namespace OpsHelm.Functions.Tests.Telemetry;

/// <summary>The <c>OpsHelm:Telemetry</c> settings and the providers' lifetime in the real app (in the test host).</summary>
public sealed class TelemetryHostingTests
{
    [Fact]
    public async Task What_is_still_buffered_is_exported_when_the_app_stops()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var app = new ServeApp(new()
        {
            ["OpsHelm:Telemetry:OtlpEndpoint"] = collector.BaseUrl,
            // Nothing would be exported for an hour: only the flush at shutdown can deliver it.
            ["OpsHelm:Telemetry:MetricExportInterval"] = "01:00:00",
            ["OpsHelm:Telemetry:TraceExportDelay"] = "01:00:00",
        });
        try
        {
            app.Services.GetRequiredService<TelemetryProviders>().Exporting.ShouldBeTrue();
            var response = await app.CreateClient().PostAsync("/api/notifications/graph?validationToken=reachability", null);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            collector.Traces.ShouldBeEmpty();
            collector.Metrics.ShouldBeEmpty();
        }
        finally
        {
            app.Dispose();
        }

        Otlp.Spans(collector.Traces).ShouldContain(s => s.Attributes.GetValueOrDefault("opshelm.webhook") == "GraphNotifications"
            && s.Attributes.GetValueOrDefault("opshelm.provider") == "Graph");
        Otlp.Points(collector.Metrics).ShouldContain(p => p.Metric == "opshelm.webhook.duration"
            && p.Attributes.GetValueOrDefault("opshelm.webhook") == "GraphNotifications" && p.Attributes.GetValueOrDefault("http.response.status_code") == "200"
            && p.Value >= 1);
    }

    [Fact]
    public void Without_an_endpoint_nothing_is_exported()
    {
        using var app = new ServeApp();

        app.Services.GetRequiredService<TelemetryProviders>().Exporting.ShouldBeFalse();
    }

    [Fact]
    public void A_wrong_endpoint_stops_the_app_at_start_naming_the_setting()
    {
        using var app = new ServeApp(new() { ["OpsHelm:Telemetry:OtlpEndpoint"] = "collector:4318" });

        var error = Should.Throw<OptionsValidationException>(() => app.CreateClient());

        error.Message.ShouldContain("OpsHelm:Telemetry:OtlpEndpoint");
    }

    [Fact]
    public void The_standard_otlp_endpoint_variable_is_used_when_the_setting_is_empty_and_the_setting_wins_when_both_are_set()
    {
        Resolve(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318" }).Endpoint.ShouldBe(new Uri("http://collector:4318"));
        Resolve(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318", ["OpsHelm:Telemetry:OtlpEndpoint"] = "http://other:4318" })
            .Endpoint.ShouldBe(new Uri("http://other:4318"));
        Resolve(new() { ["OpsHelm:Telemetry:OtlpEndpoint"] = "" }).Endpoint.ShouldBeNull();
    }

    [Theory]
    [InlineData("OtlpEndpoint", "ftp://collector:21", "OpsHelm:Telemetry:OtlpEndpoint must be an absolute http or https URI")]
    [InlineData("OtlpEndpoint", "https://user:key@collector:4318", "must not carry credentials")]
    [InlineData("OtlpProtocol", "Thrift", "OpsHelm:Telemetry:OtlpProtocol must be HttpProtobuf or Grpc")]
    [InlineData("ServiceName", " ", "OpsHelm:Telemetry:ServiceName")]
    [InlineData("MetricExportInterval", "00:00:00.010", "OpsHelm:Telemetry:MetricExportInterval")]
    [InlineData("TraceExportDelay", "02:00:00", "OpsHelm:Telemetry:TraceExportDelay")]
    public void Each_wrong_setting_is_named(string key, string value, string problem)
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve(new() { ["OpsHelm:Telemetry:" + key] = value }));

        error.Failures.ShouldHaveSingleItem().ShouldContain(problem);
    }

    [Fact]
    public void The_defaults_are_valid_and_export_nothing()
    {
        var options = new TelemetryOptions();

        options.Validate().ShouldBeEmpty();
        options.Endpoint.ShouldBeNull();
        options.UsesGrpc.ShouldBeFalse();
    }

    private static TelemetryOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddOpsHelmTelemetry();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
    }
}
