using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Apis.Auth.OAuth2.Responses;
using Polly;

namespace OpsHelm.Connectors.Gmail;

/// <summary>
/// The Gmail REST calls the connector makes (history, messages, attachments, profile, watch), each with a bearer token,
/// bounded retries and a bounded body. Errors surface as <see cref="GmailApiException"/>.
/// </summary>
internal sealed class GmailClient
{
    private static readonly JsonDocumentOptions JsonLimits = new() { MaxDepth = 64 };
    private readonly HttpClient _http;
    private readonly IGmailTokenSource _tokens;
    private readonly GmailOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public GmailClient(HttpClient http, IGmailTokenSource tokens, GmailOptions options, TimeProvider retryTime, Action<int?, TimeSpan>? onRetry = null)
    {
        options.Validate();
        _http = http;
        _tokens = tokens;
        _options = options;
        _retry = GoogleTransientFailures.RetryPipeline(options.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay, retryTime, onRetry);
    }

    public GmailOptions Options => _options;

    /// <summary>users.history.list of messageAdded and labelAdded records after <paramref name="startHistoryId"/>.</summary>
    public async Task<GmailHistoryPage> ListHistoryAsync(string mailbox, string startHistoryId, string? pageToken, CancellationToken cancellationToken)
    {
        var query = $"history?startHistoryId={Uri.EscapeDataString(startHistoryId)}&historyTypes=messageAdded&historyTypes=labelAdded"
            + $"&maxResults={_options.HistoryPageSize}" + PageToken(pageToken);
        using var document = await GetJsonAsync(mailbox, query, cancellationToken);
        var root = document.RootElement;
        // A page that is not one would otherwise read as "nothing new" and the mailbox would look healthy while reading nothing.
        if (root.ValueKind != JsonValueKind.Object || (root.TryGetProperty("history", out var history) && history.ValueKind != JsonValueKind.Array)
            || IdOf(root, "historyId") is null)
        {
            throw new FormatException("Gmail's history page has no 'history' array or no 'historyId'");
        }
        var records = new List<GmailHistoryRecord>();
        foreach (var record in Array(root, "history"))
        {
            var id = IdOf(record, "id");
            if (id is null)
            {
                continue;
            }
            var added = Array(record, "messagesAdded").Select(a => MessageRef(a, "message")).OfType<GmailMessageRef>().ToList();
            var labelled = Array(record, "labelsAdded")
                .Select(l => MessageRef(l, "message") is { } message ? new GmailLabelChange(message, Strings(l, "labelIds")) : null)
                .OfType<GmailLabelChange>().ToList();
            records.Add(new GmailHistoryRecord(id, added, labelled));
        }
        return new GmailHistoryPage(records, root.StringProperty("nextPageToken"), IdOf(root, "historyId"));
    }

    /// <summary>users.messages.list for the Gmail search <paramref name="q"/>, newest first.</summary>
    public async Task<GmailMessageListPage> ListMessagesAsync(string mailbox, string q, string? pageToken, int maxResults, CancellationToken cancellationToken)
    {
        var query = $"messages?q={Uri.EscapeDataString(q)}&maxResults={maxResults}" + PageToken(pageToken);
        using var document = await GetJsonAsync(mailbox, query, cancellationToken);
        var messages = Array(document.RootElement, "messages").Select(m => RefOf(m)).OfType<GmailMessageRef>().ToList();
        return new GmailMessageListPage(messages, document.RootElement.StringProperty("nextPageToken"));
    }

    /// <summary>users.messages.get with format=full: headers and JSON MIME parts; the caller disposes the document.</summary>
    public Task<JsonDocument> GetMessageAsync(string mailbox, string messageId, CancellationToken cancellationToken) =>
        GetJsonAsync(mailbox, $"messages/{Segment(messageId)}?format=full", cancellationToken);

    /// <summary>users.messages.attachments.get: the attachment's bytes.</summary>
    public async Task<byte[]> GetAttachmentAsync(string mailbox, string messageId, string attachmentId, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(mailbox, $"messages/{Segment(messageId)}/attachments/{Segment(attachmentId)}", cancellationToken);
        var data = document.RootElement.StringProperty("data") ?? throw new FormatException("the attachment has no 'data'");
        return Base64Url.Decode(data) ?? throw new FormatException("the attachment's 'data' is not base64url");
    }

    /// <summary>users.getProfile.</summary>
    public async Task<GmailProfile> GetProfileAsync(string mailbox, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(mailbox, "profile", cancellationToken);
        var historyId = IdOf(document.RootElement, "historyId") ?? throw new FormatException("the profile has no 'historyId'");
        return new GmailProfile(document.RootElement.StringProperty("emailAddress") ?? mailbox, historyId);
    }

    /// <summary>users.watch: Gmail publishes changes of <paramref name="labelIds"/> to <paramref name="topicName"/>.</summary>
    public async Task<GmailWatchResponse> WatchAsync(string mailbox, string topicName, IReadOnlyList<string> labelIds, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { topicName, labelIds, labelFilterBehavior = "include" });
        using var document = await SendJsonAsync(HttpMethod.Post, mailbox, "watch", body, cancellationToken)
            ?? throw new FormatException("users.watch answered without a body");
        var root = document.RootElement;
        var historyId = IdOf(root, "historyId") ?? throw new FormatException("users.watch answered without 'historyId'");
        var expiration = IdOf(root, "expiration");
        if (!long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new FormatException($"users.watch answered with an unreadable 'expiration': '{expiration}'");
        }
        return new GmailWatchResponse(historyId, DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }

    /// <summary>users.stop: no more pushes for the mailbox.</summary>
    public async Task StopAsync(string mailbox, CancellationToken cancellationToken)
    {
        using var _ = await SendJsonAsync(HttpMethod.Post, mailbox, "stop", null, cancellationToken);
    }

    private Task<JsonDocument> GetJsonAsync(string mailbox, string relative, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Get, mailbox, relative, null, cancellationToken)!;

    private async Task<JsonDocument?> SendJsonAsync(HttpMethod method, string mailbox, string relative, string? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.BaseUrl, $"gmail/v1/users/{Segment(mailbox)}/{relative}");
        using var response = await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(mailbox, token));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, method, relative, cancellationToken);
        }
        var bytes = await BoundedContent.ReadAsync(response.Content, _options.MaxResponseBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(bytes, JsonLimits);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Gmail answered {method} {PathOnly(relative)} with a body that is not JSON: {ex.Message}");
        }
    }

    private async Task<string> TokenAsync(string mailbox, CancellationToken cancellationToken)
    {
        try
        {
            return await _tokens.GetAccessTokenAsync(mailbox, cancellationToken);
        }
        catch (TokenResponseException ex)
        {
            // invalid_grant: the refresh token was revoked or the delegation withdrawn. The error code is safe to show; the token is not in it.
            var code = ex.Error?.Error ?? "token_error";
            var rejected = code is "invalid_grant" or "unauthorized_client" or "invalid_client" || ex.StatusCode is HttpStatusCode.Unauthorized;
            throw new GmailApiException((int?)ex.StatusCode ?? 401, code, $"Google refused the credential for {mailbox}: {code}", rejected, ex);
        }
    }

    private static async Task<GmailApiException> ErrorAsync(HttpResponseMessage response, HttpMethod method, string relative, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        GoogleError error;
        try
        {
            error = GoogleError.Parse(await BoundedContent.ReadAsync(response.Content, 64 * 1024, cancellationToken));
        }
        catch (ResponseTooLargeException)
        {
            error = new GoogleError(null, null, null);
        }
        var text = $"Gmail answered {method} {PathOnly(relative)} with {status}{(error.Reason is null ? "" : " " + error.Reason)}"
            + (error.Message is null ? "" : $": {error.Message}");
        return new GmailApiException(status, error.Reason, text, credentialRejected: status == 401);
    }

    private static string PathOnly(string relative) => relative.Split('?')[0];

    private static string PageToken(string? pageToken) => pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken);

    private static string Segment(string value)
    {
        if (value.Length is 0 or > 512)
        {
            throw new FormatException("an id in a Gmail path must be 1–512 characters");
        }
        return Uri.EscapeDataString(value);
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        Array(element, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();

    // Gmail spells history ids and expirations as strings of digits; tolerate numbers too.
    private static string? IdOf(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static GmailMessageRef? MessageRef(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var message) ? RefOf(message) : null;

    private static GmailMessageRef? RefOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.StringProperty("id") is { Length: > 0 and <= 512 } id
            ? new GmailMessageRef(id, message.StringProperty("threadId"), Strings(message, "labelIds"))
            : null;
}
