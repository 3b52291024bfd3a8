using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace OpsHelm.Functions.Tests.Telemetry;

/// <summary>
/// Stands in for Application Insights' ingestion endpoint inside the process: the Azure Monitor exporter's transport sends
/// here instead of the network. Keeps each request's address and its body (gunzipped), and accepts everything.
/// </summary>
internal sealed class CapturedIngestion : HttpMessageHandler
{
    private readonly ConcurrentQueue<(Uri Uri, string Body)> _requests = new();

    /// <summary>What the exporter sent.</summary>
    public IReadOnlyList<(Uri Uri, string Body)> Requests => [.. _requests];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content?.Headers.ContentEncoding.Contains("gzip") == true)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken);
            bytes = plain.ToArray();
        }
        var body = Encoding.UTF8.GetString(bytes);
        _requests.Enqueue((request.RequestUri!, body));
        var items = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent($"{{\"itemsReceived\":{items},\"itemsAccepted\":{items},\"errors\":[]}}", Encoding.UTF8, "application/json"),
        };
    }
}
