using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using Polly;
using Polly.Retry;

namespace OpsHelm.Storage.Azure.ServiceBus;

/// <summary>
/// Sends messages to a Service Bus queue over its REST API (Send Message Batch: <c>POST {queue}/messages</c>, content type
/// <c>application/vnd.microsoft.servicebus.json</c>, a JSON array of <c>Body</c> + <c>BrokerProperties</c>), authorized by an
/// Entra ID token for <c>https://servicebus.azure.net/.default</c>. The SDK is not in the package feed; this is the
/// documented wire format. Transient failures (no answer, 429, 500, 503) are retried; anything else throws.
/// </summary>
public sealed class ServiceBusRestSender
{
    /// <summary>The batch content type, without parameters as the service requires.</summary>
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    /// <summary>Messages per request.</summary>
    public const int MaxBatchCount = 100;

    /// <summary>Bytes per request: under the Standard tier's 256 KB batch limit, with room for the service's own framing.</summary>
    public const int MaxBatchBytes = 192 * 1024;

    private static readonly TokenRequestContext Scope = new(["https://servicebus.azure.net/.default"]);

    private readonly HttpClient _http;
    private readonly Uri _messages;
    private readonly TokenCredential _credential;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private int _requests;

    /// <summary>A sender posting to <paramref name="messagesUri"/> (see <see cref="ServiceBusQueueEndpoint"/>).</summary>
    public ServiceBusRestSender(HttpClient http, Uri messagesUri, TokenCredential credential, TimeProvider time, int maxRetries = 3, TimeSpan? retryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(messagesUri);
        _http = http;
        _messages = messagesUri;
        _credential = credential;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, maxRetries),
                Delay = retryDelay ?? TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(maxRetries > 0 && args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable } => true,
                    _ => false,
                }),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Requests sent, retries included.</summary>
    public int Requests => _requests;

    /// <summary>Sends <paramref name="messages"/> in as few requests as the batch limits allow, in order.</summary>
    public async Task SendAsync(IReadOnlyList<ServiceBusOutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var (body, count) in Batches(messages))
        {
            await SendBatchAsync(body, count, cancellationToken);
        }
    }

    private async Task SendBatchAsync(byte[] body, int count, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(BatchContentType);
                var accessToken = await _credential.GetTokenAsync(Scope, token);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken.Token);
                Interlocked.Increment(ref _requests);
                return await _http.SendAsync(request, token);
            }, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceBusSendException($"Service Bus at {_messages.GetLeftPart(UriPartial.Path)} did not answer a send of {count} messages: {ex.Message}", null, ex);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return;
            }
            var reason = await ReasonAsync(response, cancellationToken);
            throw new ServiceBusSendException(
                $"Service Bus refused a send of {count} messages to {_messages.GetLeftPart(UriPartial.Path)}: {(int)response.StatusCode} {response.ReasonPhrase} {reason}".TrimEnd(),
                response.StatusCode);
        }
    }

    // The service's explanation, bounded (it is an XML or text body).
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 500 ? text[..500] : text;
    }

    private static IEnumerable<(byte[] Body, int Count)> Batches(IReadOnlyList<ServiceBusOutgoingMessage> messages)
    {
        var batch = new List<byte[]>();
        var size = 2;
        foreach (var message in messages)
        {
            var encoded = Encode(message);
            if (encoded.Length + 2 > MaxBatchBytes)
            {
                throw new ArgumentException($"Message {message.MessageId} is {encoded.Length} bytes encoded; a batch holds at most {MaxBatchBytes}.", nameof(messages));
            }
            if (batch.Count == MaxBatchCount || size + encoded.Length + 1 > MaxBatchBytes)
            {
                yield return (Join(batch), batch.Count);
                batch.Clear();
                size = 2;
            }
            batch.Add(encoded);
            size += encoded.Length + 1;
        }
        if (batch.Count > 0)
        {
            yield return (Join(batch), batch.Count);
        }
    }

    private static byte[] Join(List<byte[]> encoded)
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)'[');
        for (var i = 0; i < encoded.Count; i++)
        {
            if (i > 0)
            {
                stream.WriteByte((byte)',');
            }
            stream.Write(encoded[i]);
        }
        stream.WriteByte((byte)']');
        return stream.ToArray();
    }

    private static byte[] Encode(ServiceBusOutgoingMessage message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("Body", message.Body);
            json.WriteStartObject("BrokerProperties");
            json.WriteString("MessageId", message.MessageId);
            if (message.SessionId is { } session)
            {
                json.WriteString("SessionId", session);
            }
            if (message.ScheduledEnqueueTime is { } at)
            {
                // The broker properties carry dates as RFC 1123 (HTTP) dates.
                json.WriteString("ScheduledEnqueueTimeUtc", at.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}
