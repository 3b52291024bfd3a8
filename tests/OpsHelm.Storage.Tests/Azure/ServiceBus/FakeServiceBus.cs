using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsHelm.Storage.Tests.Azure.ServiceBus;

/// <summary>
/// A Service Bus namespace on loopback speaking the documented Send Message Batch wire format: <c>POST /{queue}/messages</c>
/// with a bearer token, content type <c>application/vnd.microsoft.servicebus.json</c> (no parameters) and a JSON array of
/// <c>Body</c> / <c>BrokerProperties</c> / <c>UserProperties</c>; 201 on success, 400 for a malformed batch, 401 without
/// the token, 403 for a batch over 256 KB, 410 for an unknown queue. Like a queue with duplicate detection, a message
/// whose MessageId was accepted before is acknowledged and dropped. It also plays the broker for tests that act as the
/// Functions host: scheduled messages wait for their time, a message given back is redelivered with its delivery
/// count raised, and after <see cref="MaxDeliveryCount"/> deliveries it is dead-lettered.
/// </summary>
public sealed class FakeServiceBus : IAsyncDisposable
{
    /// <summary>The only token accepted.</summary>
    public const string Token = "service-bus-token";

    private const int MaxBatchBytes = 256 * 1024;
    private static readonly HashSet<string> BrokerPropertyNames =
        ["CorrelationId", "ForcePersistence", "Label", "MessageId", "PartitionKey", "ReplyTo", "ReplyToSessionId", "ScheduledEnqueueTimeUtc", "SessionId", "TimeToLive", "To", "ViaPartitionKey"];

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakeServiceBusMessage> _queued = [];
    private readonly List<FakeServiceBusMessage> _deadLettered = [];
    private readonly Queue<HttpStatusCode> _failures = new();
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private long _sequence;
    private int _requests;

    private FakeServiceBus(WebApplication app, string queue)
    {
        _app = app;
        Queue = queue;
    }

    /// <summary>The queue that exists.</summary>
    public string Queue { get; }

    /// <summary>The namespace URI (for <c>OpsHelm:Queue:ServiceBusNamespace</c>).</summary>
    public string Namespace { get; private set; } = "";

    /// <summary>Deliveries before a message is dead-lettered, as the queue's maxDeliveryCount.</summary>
    public int MaxDeliveryCount { get; init; } = 5;

    /// <summary>Send requests received, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Why requests were refused (status and reason), for assertions.</summary>
    public List<string> Refusals { get; } = [];

    /// <summary>Messages accepted and not yet delivered.</summary>
    public IReadOnlyList<FakeServiceBusMessage> Queued
    {
        get
        {
            lock (_gate)
            {
                return [.. _queued];
            }
        }
    }

    /// <summary>Messages dead-lettered after their last delivery.</summary>
    public IReadOnlyList<FakeServiceBusMessage> DeadLettered
    {
        get
        {
            lock (_gate)
            {
                return [.. _deadLettered];
            }
        }
    }

    /// <summary>Starts the namespace with one queue.</summary>
    public static async Task<FakeServiceBus> StartAsync(string queue = "work-items")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var bus = new FakeServiceBus(app, queue);
        app.MapPost("/{**path}", bus.SendAsync);
        await app.StartAsync();
        bus.Namespace = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return bus;
    }

    /// <summary>The next sends answer <paramref name="status"/>, <paramref name="times"/> times.</summary>
    public void FailNext(HttpStatusCode status, int times = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _failures.Enqueue(status);
            }
        }
    }

    /// <summary>
    /// Takes the next deliverable message (due, in enqueue order) whose session no delivery holds, as a session receiver
    /// would; null when none is due. The delivery count rises with each delivery.
    /// </summary>
    public FakeServiceBusMessage? Receive(DateTimeOffset now, ISet<string>? busySessions = null)
    {
        lock (_gate)
        {
            var next = _queued
                .Where(m => (m.ScheduledEnqueueTime ?? m.EnqueuedAt) <= now && (m.SessionId is null || busySessions?.Contains(m.SessionId) != true))
                .OrderBy(m => m.SequenceNumber)
                .FirstOrDefault();
            if (next is null)
            {
                return null;
            }
            _queued.Remove(next);
            return next with { DeliveryCount = next.DeliveryCount + 1 };
        }
    }

    /// <summary>A delivery failed (the host abandons it): redelivered, or dead-lettered after the last delivery.</summary>
    public void Abandon(FakeServiceBusMessage delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        lock (_gate)
        {
            (delivered.DeliveryCount >= MaxDeliveryCount ? _deadLettered : _queued).Add(delivered);
        }
    }

    /// <summary>Accepted messages ever, delivered or not, for assertions on what was sent (duplicates dropped).</summary>
    public List<FakeServiceBusMessage> Accepted { get; } = [];

    /// <summary>Messages acknowledged but dropped as duplicates of an earlier MessageId.</summary>
    public int DuplicatesDropped { get; private set; }

    private async Task<IResult> SendAsync(HttpContext context, string path)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        lock (_gate)
        {
            if (_failures.TryDequeue(out var failure))
            {
                return Refuse(failure, "injected failure");
            }
        }
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            return Refuse(HttpStatusCode.Unauthorized, "missing or wrong bearer token");
        }
        if (!path.EndsWith("/messages", StringComparison.Ordinal) || path[..^"/messages".Length] != Queue)
        {
            return Refuse(HttpStatusCode.Gone, $"no queue '{path}'");
        }
        if (request.ContentType != "application/vnd.microsoft.servicebus.json")
        {
            return Refuse(HttpStatusCode.BadRequest, $"content type '{request.ContentType}' is not the batch type");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBatchBytes)
        {
            return Refuse(HttpStatusCode.Forbidden, "batch too large");
        }
        List<FakeServiceBusMessage> parsed;
        try
        {
            parsed = Parse(buffer.ToArray());
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Refuse(HttpStatusCode.BadRequest, ex.Message);
        }
        lock (_gate)
        {
            foreach (var message in parsed)
            {
                if (!_seenIds.Add(message.MessageId))
                {
                    DuplicatesDropped++;
                    continue;
                }
                _queued.Add(message);
                Accepted.Add(message);
            }
        }
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private List<FakeServiceBusMessage> Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
        {
            throw new FormatException("the batch is not a non-empty JSON array");
        }
        var messages = new List<FakeServiceBusMessage>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var text = element.GetProperty("Body").GetString() ?? throw new FormatException("Body is not a string");
            string? messageId = null, sessionId = null;
            DateTimeOffset? scheduled = null;
            if (element.TryGetProperty("BrokerProperties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (!BrokerPropertyNames.Contains(property.Name))
                    {
                        throw new FormatException($"'{property.Name}' is not a broker property");
                    }
                }
                messageId = properties.TryGetProperty("MessageId", out var id) ? id.GetString() : null;
                sessionId = properties.TryGetProperty("SessionId", out var session) ? session.GetString() : null;
                if (properties.TryGetProperty("ScheduledEnqueueTimeUtc", out var at))
                {
                    scheduled = DateTimeOffset.ParseExact(at.GetString()!, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                }
            }
            messages.Add(new FakeServiceBusMessage(text, messageId ?? Guid.NewGuid().ToString("n"), sessionId, scheduled, DateTimeOffset.UtcNow, Interlocked.Increment(ref _sequence), 0));
        }
        return messages;
    }

    private IResult Refuse(HttpStatusCode status, string reason)
    {
        lock (_gate)
        {
            Refusals.Add($"{(int)status} {reason}");
        }
        return Results.Text(reason, statusCode: (int)status);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A message in the fake queue.</summary>
/// <param name="Body">The body text.</param>
/// <param name="MessageId">MessageId.</param>
/// <param name="SessionId">SessionId.</param>
/// <param name="ScheduledEnqueueTime">ScheduledEnqueueTimeUtc, parsed.</param>
/// <param name="EnqueuedAt">When it was accepted.</param>
/// <param name="SequenceNumber">Order of acceptance.</param>
/// <param name="DeliveryCount">Deliveries so far.</param>
public sealed record FakeServiceBusMessage(string Body, string MessageId, string? SessionId, DateTimeOffset? ScheduledEnqueueTime, DateTimeOffset EnqueuedAt, long SequenceNumber, int DeliveryCount);
