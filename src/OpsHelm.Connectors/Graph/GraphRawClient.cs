using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace OpsHelm.Connectors.Graph;

/// <summary>
/// Sends requests built by the SDK's request builders through the SDK's adapter and pipeline, and reads the answer as raw
/// JSON (bounded), so provider payloads go through the one tolerant mapper instead of the SDK's models.
/// </summary>
internal sealed class GraphRawClient(GraphServiceClient client, long maxResponseBytes)
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    /// <summary>The SDK client.</summary>
    public GraphServiceClient Client => client;

    /// <summary>The base URL requests are built against.</summary>
    public string BaseUrl => client.RequestAdapter.BaseUrl ?? "";

    /// <summary>Sends <paramref name="request"/> and parses the JSON answer.</summary>
    public async Task<JsonDocument> GetJsonAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        request.Headers.TryAdd("Accept", "application/json");
        var bytes = await ReadAsync(request, maxResponseBytes, cancellationToken)
            ?? throw new GraphPayloadException($"Graph's answer is larger than {maxResponseBytes} bytes");
        return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
    }

    /// <summary>Sends <paramref name="request"/> and returns the body, or null when it is longer than <paramref name="limit"/>.</summary>
    public async Task<byte[]?> ReadAsync(RequestInformation request, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, Errors, cancellationToken);
        if (stream is null)
        {
            return [];
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>A GET of <paramref name="url"/> (a next or delta link Graph gave us, or a URL under the base URL).</summary>
    public static RequestInformation Get(string url, params string[] prefer)
    {
        var request = new RequestInformation { HttpMethod = Method.GET, URI = new Uri(url) };
        foreach (var value in prefer)
        {
            request.Headers.Add("Prefer", value);
        }
        return request;
    }
}
