using System.Globalization;
using System.Net;
using System.Text;
using Polly;
using Polly.Retry;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>
/// The few Blob REST operations the attachment store needs, each request built fresh per attempt (so every retry is signed
/// with its own <c>x-ms-date</c>) and retried on 500, 503 and failed connections with exponential backoff.
/// </summary>
internal sealed class BlobRestClient
{
    private readonly HttpClient _http;
    private readonly BlobStoreOptions _options;
    private readonly BlobAuthorization _authorization;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly Uri _service;

    public BlobRestClient(HttpClient http, BlobStoreOptions options, BlobAuthorization authorization, TimeProvider time)
    {
        _http = http;
        _options = options;
        _authorization = authorization;
        _time = time;
        _service = new Uri(options.Endpoint!.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable } => true,
                    _ => false,
                }),
            })
            .Build();
    }

    /// <summary>Requests sent, retries included.</summary>
    public int Attempts => _attempts;

    private int _attempts;

    /// <summary>The URL of a blob of the container (each path segment escaped).</summary>
    public Uri BlobUri(string blob) =>
        new(_service, Uri.EscapeDataString(_options.Container) + "/" + string.Join('/', blob.Split('/').Select(Uri.EscapeDataString)));

    /// <summary>Creates the container; true when created, false when it existed.</summary>
    public async Task<bool> CreateContainerAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, new Uri(_service, Uri.EscapeDataString(_options.Container) + "?restype=container")), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        await EnsureAsync(response, "create container", cancellationToken);
        return true;
    }

    /// <summary>Uploads a block blob in one Put Blob.</summary>
    public async Task PutBlobAsync(string blob, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, BlobUri(blob)) { Content = Body(content, contentType) };
            request.Headers.Add("x-ms-blob-type", "BlockBlob");
            AddMetadata(request, metadata);
            return request;
        }, cancellationToken);
        await EnsureAsync(response, "put blob", cancellationToken);
    }

    /// <summary>Uploads a block blob as blocks of <see cref="BlobStoreOptions.BlockSize"/>, then commits them with Put Block List.</summary>
    public async Task PutBlocksAsync(string blob, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var offset = 0; offset < content.Length; offset += _options.BlockSize)
        {
            // Block ids of one blob must all have the same length before base64: a fixed-width counter.
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(ids.Count.ToString("D6", CultureInfo.InvariantCulture)));
            var block = content.Slice(offset, Math.Min(_options.BlockSize, content.Length - offset));
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put,
                new Uri(BlobUri(blob) + "?comp=block&blockid=" + Uri.EscapeDataString(id))) { Content = Body(block, "application/octet-stream") }, cancellationToken);
            await EnsureAsync(response, "put block", cancellationToken);
            ids.Add(id);
        }
        var list = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in ids)
        {
            list.Append("<Latest>").Append(id).Append("</Latest>");
        }
        list.Append("</BlockList>");
        var body = Encoding.UTF8.GetBytes(list.ToString());
        using var commit = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, new Uri(BlobUri(blob) + "?comp=blocklist")) { Content = Body(body, "application/xml") };
            request.Headers.Add("x-ms-blob-content-type", contentType);
            AddMetadata(request, metadata);
            return request;
        }, cancellationToken);
        await EnsureAsync(commit, "put block list", cancellationToken);
    }

    /// <summary>The blob's properties and metadata, or null when it does not exist.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(string blob, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, BlobUri(blob)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureAsync(response, "get blob properties", cancellationToken);
        return BlobProperties.From(response);
    }

    /// <summary>The blob's bytes and properties, or null when it does not exist; refuses a blob over the size limit.</summary>
    public async Task<(byte[] Content, BlobProperties Properties)?> GetBlobAsync(string blob, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, BlobUri(blob)), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureAsync(response, "get blob", cancellationToken);
        var properties = BlobProperties.From(response);
        if (properties.Length > _options.MaxAttachmentBytes)
        {
            throw new InvalidDataException($"Blob '{blob}' is {properties.Length} bytes, over the {_options.MaxAttachmentBytes}-byte limit.");
        }
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (content, properties);
    }

    /// <summary>Deletes the blob; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string blob, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, BlobUri(blob)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureAsync(response, "delete blob", cancellationToken);
        return true;
    }

    /// <summary>Get User Delegation Key (bearer token only) for the window <paramref name="start"/>–<paramref name="expiry"/>.</summary>
    public async Task<UserDelegationKey> GetUserDelegationKeyAsync(DateTimeOffset start, DateTimeOffset expiry, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><KeyInfo><Start>{BlobReadLinks.Time(start)}</Start><Expiry>{BlobReadLinks.Time(expiry)}</Expiry></KeyInfo>");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_service, "?restype=service&comp=userdelegationkey"))
        {
            Content = Body(body, "application/xml"),
        }, cancellationToken);
        await EnsureAsync(response, "get user delegation key", cancellationToken);
        var xml = await ReadBoundedAsync(response, 64 * 1024, cancellationToken);
        return UserDelegationKey.Parse(xml);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        return await _retry.ExecuteAsync(async token =>
        {
            using var request = build();
            request.Headers.Add("x-ms-date", _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
            request.Headers.Add("x-ms-version", BlobStoreOptions.ApiVersion);
            await _authorization.AuthorizeAsync(request, token);
            Interlocked.Increment(ref _attempts);
            return await _http.SendAsync(request, completion, token);
        }, cancellationToken);
    }

    private static ByteArrayLikeContent Body(ReadOnlyMemory<byte> content, string contentType)
    {
        var body = new ByteArrayLikeContent(content);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return body;
    }

    private static void AddMetadata(HttpRequestMessage request, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            request.Headers.Add("x-ms-meta-" + name, value);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        // The service's error code is safe to show; the body is bounded and never holds the key.
        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        var detail = code ?? (await ReadBoundedAsync(response, 512, cancellationToken)).ReplaceLineEndings(" ");
        throw new HttpRequestException($"Blob storage {operation} failed: {(int)response.StatusCode} {response.ReasonPhrase} ({detail}).", null, response.StatusCode);
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, int maxChars, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > maxChars ? text[..maxChars] : text;
    }

    // ReadOnlyMemory content without copying; a fresh instance per attempt.
    private sealed class ByteArrayLikeContent(ReadOnlyMemory<byte> content) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(content).AsTask();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            stream.WriteAsync(content, cancellationToken).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = content.Length;
            return true;
        }
    }
}
