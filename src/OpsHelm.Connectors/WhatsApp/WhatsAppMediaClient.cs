using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Core.Messages;
using Polly;

namespace OpsHelm.Connectors.WhatsApp;

/// <summary>
/// Fetches a WhatsApp message's media: <c>GET /{media-id}</c> on the Graph API gives a short-lived URL, size and SHA-256;
/// the URL is then downloaded with the bearer token (only from the Graph host or an allowed media host), within the size
/// limit, and checked against the hash. A failure leaves the attachment without content and with a ContentError, so the
/// message is still recorded and the pipeline records AttachmentRejected.
/// </summary>
public sealed class WhatsAppMediaClient
{
    private const long MaxMetadataBytes = 64 * 1024;
    private readonly HttpClient _http;
    private readonly WhatsAppOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    /// <summary>A client over <paramref name="http"/>; <paramref name="time"/> is the clock retries wait on.</summary>
    public WhatsAppMediaClient(HttpClient http, WhatsAppOptions options, TimeProvider time)
    {
        options.Validate();
        _http = http;
        _options = options;
        _retry = GoogleTransientFailures.RetryPipeline(options.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay, time);
    }

    /// <summary><paramref name="attachment"/> with its bytes (its <c>Id</c> is the media id), or with a ContentError saying why not.</summary>
    public async Task<InboundAttachment> FetchAsync(InboundAttachment attachment, CancellationToken cancellationToken)
    {
        if (attachment.Id is not { Length: > 0 and <= 256 } mediaId || attachment.Content is not null)
        {
            return attachment;
        }
        if (string.IsNullOrEmpty(_options.AccessToken))
        {
            return attachment with { ContentError = "no WhatsApp access token is configured, so the media was not downloaded" };
        }
        try
        {
            var (url, size, sha256, mimeType) = await MetadataAsync(mediaId, cancellationToken);
            if (size > _options.MaxMediaBytes)
            {
                return attachment with { Size = size, ContentError = TooLarge(size) };
            }
            if (!MayReceiveToken(url))
            {
                return attachment with { ContentError = $"the media URL's host {url.Host} is not an allowed media host" };
            }
            using var response = await SendAsync(url, cancellationToken);
            var bytes = await BoundedContent.ReadAsync(response.Content, _options.MaxMediaBytes, cancellationToken);
            if (sha256 is { Length: 64 } && !Convert.ToHexStringLower(SHA256.HashData(bytes)).Equals(sha256, StringComparison.OrdinalIgnoreCase))
            {
                return attachment with { ContentError = "the downloaded media does not match its SHA-256" };
            }
            return attachment with
            {
                Content = bytes,
                Size = bytes.LongLength,
                ContentType = attachment.ContentType == "application/octet-stream" && mimeType is not null ? mimeType : attachment.ContentType,
            };
        }
        catch (ResponseTooLargeException)
        {
            return attachment with { ContentError = TooLarge(attachment.Size) };
        }
        catch (Exception ex) when (ex is HttpRequestException or FormatException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return attachment with { ContentError = $"the media could not be fetched: {ex.Message}" };
        }
    }

    private async Task<(Uri Url, long Size, string? Sha256, string? MimeType)> MetadataAsync(string mediaId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new Uri(_options.GraphBaseUrl, Uri.EscapeDataString(mediaId)), cancellationToken);
        var bytes = await BoundedContent.ReadAsync(response.Content, MaxMetadataBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !Uri.TryCreate(root.StringProperty("url"), UriKind.Absolute, out var url))
        {
            throw new FormatException("the media answer has no absolute 'url'");
        }
        // Meta spells file_size as a string of digits; tolerate a number.
        var sizeText = root.TryGetProperty("file_size", out var s) ? s.ValueKind == JsonValueKind.Number ? s.GetRawText() : s.GetString() : null;
        var size = long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (url, size, root.StringProperty("sha256"), root.StringProperty("mime_type"));
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        var response = await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"Meta answered the media request with {status}", null, (System.Net.HttpStatusCode)status);
        }
        return response;
    }

    // The access token goes only to the Graph API's own host or a configured media host, over https (loopback excepted, for tests).
    private bool MayReceiveToken(Uri url)
    {
        var sameAsGraph = url.Scheme == _options.GraphBaseUrl.Scheme && url.Authority.Equals(_options.GraphBaseUrl.Authority, StringComparison.OrdinalIgnoreCase);
        var allowedHost = url.Scheme == Uri.UriSchemeHttps && _options.AllowedMediaHosts.Any(h => url.Host.Equals(h, StringComparison.OrdinalIgnoreCase));
        return sameAsGraph || allowedHost;
    }

    private string TooLarge(long size) =>
        string.Create(CultureInfo.InvariantCulture, $"{size} bytes, over the WhatsApp connector's {_options.MaxMediaBytes}-byte media limit; not downloaded");
}
