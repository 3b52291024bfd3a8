namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>
/// Where the app's OpenTelemetry traces and metrics go (section <c>OpsHelm:Telemetry</c>), validated at start-up: an OTLP
/// collector (here or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), Application Insights (the platform's
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, with Entra ID when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says
/// <c>Authorization=AAD</c>), both, or neither; with neither nothing is exported and no provider is created.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm:Telemetry";

    /// <summary>The standard variable used when <see cref="OtlpEndpoint"/> is empty.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The platform's variable that names the Application Insights resource.</summary>
    public const string ConnectionStringVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The platform's variable that turns on Entra ID for ingestion (<c>Authorization=AAD;ClientId=…</c>).</summary>
    public const string AuthenticationVariable = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

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

    /// <summary>The Application Insights connection string (from <see cref="ConnectionStringVariable"/>); empty: no Azure Monitor export.</summary>
    public string? ApplicationInsightsConnectionString { get; set; }

    /// <summary>How ingestion is authorized (from <see cref="AuthenticationVariable"/>); empty: the instrumentation key alone.</summary>
    public string? ApplicationInsightsAuthentication { get; set; }

    /// <summary>True when traces and metrics go to Application Insights.</summary>
    public bool ExportsToAzureMonitor => !string.IsNullOrWhiteSpace(ApplicationInsightsConnectionString);

    /// <summary>True when ingestion uses Entra ID (<c>Authorization=AAD</c>).</summary>
    public bool UsesEntraIngestion => AuthenticationPart("Authorization") is { } kind && kind.Equals("AAD", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user-assigned identity's client id for Entra ingestion, if the authentication string names one.</summary>
    public string? IngestionClientId => AuthenticationPart("ClientId");

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
        if (ExportsToAzureMonitor && !ApplicationInsightsConnectionString!.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            // Never echo the value: it identifies the resource.
            problems.Add($"{ConnectionStringVariable} must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)");
        }
        if (!string.IsNullOrWhiteSpace(ApplicationInsightsAuthentication) && (!UsesEntraIngestion
            || (IngestionClientId is { } clientId && !Guid.TryParse(clientId, out _))))
        {
            problems.Add($"{AuthenticationVariable} must be 'Authorization=AAD' with an optional 'ClientId=<user-assigned identity client id>'");
        }
        Check(problems, !string.IsNullOrWhiteSpace(ServiceName) && ServiceName.Length <= 100, "ServiceName must be 1 to 100 characters");
        Check(problems, MetricExportInterval >= TimeSpan.FromMilliseconds(100) && MetricExportInterval <= TimeSpan.FromHours(1),
            "MetricExportInterval must be between 00:00:00.1 and 01:00:00");
        Check(problems, TraceExportDelay >= TimeSpan.FromMilliseconds(100) && TraceExportDelay <= TimeSpan.FromHours(1),
            "TraceExportDelay must be between 00:00:00.1 and 01:00:00");
        return problems;
    }

    private string? AuthenticationPart(string name) => (ApplicationInsightsAuthentication ?? "")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
        .Where(pair => pair.Length == 2 && pair[0].Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(pair => pair[1])
        .FirstOrDefault();

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add($"{Section}:{problem}");
        }
    }
}
