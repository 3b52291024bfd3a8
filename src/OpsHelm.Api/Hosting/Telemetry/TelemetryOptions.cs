namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>
/// Where the app's OpenTelemetry traces and metrics go (section <c>OpsHelm:Telemetry</c>), validated at start-up. With no
/// endpoint (here or in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) nothing is exported and no provider is created.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm:Telemetry";

    /// <summary>The standard variable used when <see cref="OtlpEndpoint"/> is empty.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The collector's base address, e.g. <c>http://localhost:4318</c> (HttpProtobuf; /v1/traces and /v1/metrics are appended) or <c>http://localhost:4317</c> (Grpc).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (the default, as in the OpenTelemetry specification) or <c>Grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = "HttpProtobuf";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "opshelm-functions";

    /// <summary>How often metrics are exported.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long finished spans wait to be exported in a batch.</summary>
    public TimeSpan TraceExportDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when the protocol is gRPC.</summary>
    public bool UsesGrpc => OtlpProtocol.Equals("Grpc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint as a URI, or null when none is set (nothing is exported).</summary>
    public Uri? Endpoint => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint, UriKind.Absolute);

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint))
        {
            if (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{Section}:OtlpEndpoint must be an absolute http or https URI (or {StandardEndpointVariable}, when it supplies the endpoint)");
            }
            else if (uri.UserInfo.Length > 0 || uri.Query.Length > 0)
            {
                // Credentials belong in OTEL_EXPORTER_OTLP_HEADERS, which the exporter reads itself; a URL ends up in logs.
                problems.Add($"{Section}:OtlpEndpoint must not carry credentials or a query (use OTEL_EXPORTER_OTLP_HEADERS for an API key)");
            }
        }
        if (!UsesGrpc && !OtlpProtocol.Equals("HttpProtobuf", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{Section}:OtlpProtocol must be HttpProtobuf or Grpc (was '{OtlpProtocol}')");
        }
        Check(problems, !string.IsNullOrWhiteSpace(ServiceName) && ServiceName.Length <= 100, "ServiceName must be 1 to 100 characters");
        Check(problems, MetricExportInterval >= TimeSpan.FromMilliseconds(100) && MetricExportInterval <= TimeSpan.FromHours(1),
            "MetricExportInterval must be between 00:00:00.1 and 01:00:00");
        Check(problems, TraceExportDelay >= TimeSpan.FromMilliseconds(100) && TraceExportDelay <= TimeSpan.FromHours(1),
            "TraceExportDelay must be between 00:00:00.1 and 01:00:00");
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add($"{Section}:{problem}");
        }
    }
}
