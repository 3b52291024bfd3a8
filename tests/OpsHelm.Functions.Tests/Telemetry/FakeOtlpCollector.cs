using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsHelm.Functions.Tests.Telemetry;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on loopback: <c>POST /v1/traces</c> and <c>/v1/metrics</c> with
/// <c>application/x-protobuf</c> bodies (gzip accepted), answered 200 with an empty response message, as the OTLP
/// specification describes. Keeps every body for the tests to walk.
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private readonly WebApplication _app;

    private FakeOtlpCollector(WebApplication app) => _app = app;

    /// <summary>The base address (what OTEL_EXPORTER_OTLP_ENDPOINT would hold).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Bodies received on /v1/traces.</summary>
    public ConcurrentQueue<byte[]> Traces { get; } = new();

    /// <summary>Bodies received on /v1/metrics.</summary>
    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    /// <summary>Requests refused (wrong content type), with why.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/v1/traces", (Delegate)((HttpContext context) => collector.ReceiveAsync(context, collector.Traces)));
        app.MapPost("/v1/metrics", (Delegate)((HttpContext context) => collector.ReceiveAsync(context, collector.Metrics)));
        await app.StartAsync();
        collector.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return collector;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, ConcurrentQueue<byte[]> into)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            Refused.Enqueue($"{context.Request.Path}: content type {context.Request.ContentType}");
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        var body = context.Request.Headers.ContentEncoding == "gzip"
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        if (buffer.Length > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        into.Enqueue(buffer.ToArray());
        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
