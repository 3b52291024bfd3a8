using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsHelm.Connectors.Tests.Graph.Fake;

/// <summary>
/// Microsoft Graph on loopback (Kestrel, port 0), speaking the documented wire format for the calls the connector makes:
/// bearer auth, OData query options, Prefer headers, @odata.nextLink / @odata.deltaLink paging, error bodies
/// <c>{"error":{"code","message"}}</c> and Retry-After. Every request is logged so tests can count them.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    /// <summary>The only bearer token the fake accepts.</summary>
    public const string Token = "fake-graph-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly List<FakeFault> _faults = [];
    private readonly Func<DateTimeOffset> _now;

    private FakeGraphServer(WebApplication app, Func<DateTimeOffset> now)
    {
        _app = app;
        _now = now;
        Mail = new FakeGraphMail(this);
        Calendar = new FakeGraphCalendar(this);
        Subscriptions = new FakeGraphSubscriptions(this);
    }

    /// <summary>Graph's base URL with version, as the connector is configured with it.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Mailboxes, folders, messages, attachments, delta tokens.</summary>
    public FakeGraphMail Mail { get; }

    /// <summary>Calendar events.</summary>
    public FakeGraphCalendar Calendar { get; }

    /// <summary>Subscriptions.</summary>
    public FakeGraphSubscriptions Subscriptions { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    /// <summary>The fake's clock (the test's).</summary>
    public DateTimeOffset Now => _now();

    /// <summary>Starts the server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeGraphServer> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGraphServer(app, now);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1.0";
        return server;
    }

    /// <summary>Answers the next <paramref name="times"/> requests matching <paramref name="match"/> with an error.</summary>
    public void Fail(Func<FakeRequest, bool> match, int status, string code, TimeSpan? retryAfter = null, int times = 1)
    {
        lock (_faults)
        {
            _faults.Add(new FakeFault(match, status, code, retryAfter, times));
        }
    }

    /// <summary>Answers the next <paramref name="times"/> requests matching <paramref name="match"/> with 200 and <paramref name="rawJson"/> as it is (a malformed page, content no string can carry).</summary>
    public void Reply(Func<FakeRequest, bool> match, string rawJson, int times = 1)
    {
        lock (_faults)
        {
            _faults.Add(new FakeFault(match, 200, "", null, times) { RawBody = rawJson });
        }
    }

    /// <summary>Forgets the request log.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var pathPart = raw.Split('?')[0];
        var path = pathPart.StartsWith("/v1.0", StringComparison.Ordinal) ? pathPart["/v1.0".Length..] : pathPart;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var prefer = context.Request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
        string body = "";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }
        var request = new FakeRequest(context.Request.Method, "/" + string.Join('/', segments), segments, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            prefer, body, Now);
        _requests.Enqueue(request);

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await ErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token validation failure.");
            return;
        }
        if (TakeFault(request) is { } fault)
        {
            if (fault.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (fault.RawBody is { } rawBody)
            {
                context.Response.StatusCode = fault.Status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(rawBody);
                return;
            }
            await ErrorAsync(context, fault.Status, fault.Code, "Injected by the test.");
            return;
        }
        var handled = segments.Length > 0 && segments[0] == "subscriptions"
            ? await Subscriptions.HandleAsync(context, request)
            : segments.Length > 2 && segments[0] == "users" && (segments[2] is "calendarView" or "events")
                ? await Calendar.HandleAsync(context, request)
                : segments.Length > 1 && segments[0] == "users" && await Mail.HandleAsync(context, request);
        if (!handled)
        {
            await ErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{segments.LastOrDefault()}'.");
        }
    }

    private FakeFault? TakeFault(FakeRequest request)
    {
        lock (_faults)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Match(request));
            if (fault is not null)
            {
                fault.Remaining--;
            }
            return fault;
        }
    }

    /// <summary>Writes a Graph error body.</summary>
    internal static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
        return JsonAsync(context, status, error);
    }

    /// <summary>Writes a JSON body.</summary>
    internal static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>The selected properties of <paramref name="resource"/> (all when nothing is selected), with id and OData annotations.</summary>
    internal static JsonObject Project(JsonObject resource, string? select)
    {
        if (string.IsNullOrEmpty(select))
        {
            return (JsonObject)resource.DeepClone();
        }
        var wanted = select.Split(',').Select(s => s.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new JsonObject();
        foreach (var (name, value) in resource)
        {
            if (name.StartsWith('@') || name == "id" || wanted.Contains(name))
            {
                result[name] = value?.DeepClone();
            }
        }
        return result;
    }

    /// <summary>The body as text when the request prefers it (Prefer: outlook.body-content-type="text"), as Graph converts it.</summary>
    internal static JsonObject PreferredBody(JsonObject resource, FakeRequest request)
    {
        if (request.Prefer.Contains("outlook.body-content-type=\"text\"") && resource["body"] is JsonObject body && (string?)body["contentType"] == "html")
        {
            resource["body"] = new JsonObject { ["contentType"] = "text", ["content"] = Regex.Replace((string?)body["content"] ?? "", "<[^>]*>", " ").Trim() };
        }
        return resource;
    }

    /// <summary>The date of an OData filter clause such as <c>receivedDateTime ge 2026-01-01T00:00:00Z</c>.</summary>
    internal static DateTimeOffset? FilterDate(string? filter, string property, string op)
    {
        if (filter is null)
        {
            return null;
        }
        var match = Regex.Match(filter, $@"{property}\s+{op}\s+([0-9T:\-\.Z+]+)", RegexOptions.IgnoreCase);
        return match.Success ? DateTimeOffset.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The page size a request asks for: Prefer odata.maxpagesize, else $top, else Graph's default of 10.</summary>
    internal static int PageSize(FakeRequest request)
    {
        var prefer = request.Prefer.FirstOrDefault(p => p.StartsWith("odata.maxpagesize=", StringComparison.Ordinal));
        if (prefer is not null)
        {
            return int.Parse(prefer["odata.maxpagesize=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return request.Query.TryGetValue("$top", out var top) ? int.Parse(top, System.Globalization.CultureInfo.InvariantCulture) : 10;
    }

    private sealed class FakeFault(Func<FakeRequest, bool> match, int status, string code, TimeSpan? retryAfter, int times)
    {
        public Func<FakeRequest, bool> Match { get; } = match;
        public int Status { get; } = status;
        public string Code { get; } = code;
        public TimeSpan? RetryAfter { get; } = retryAfter;
        public int Remaining { get; set; } = times;
        public string? RawBody { get; init; }
    }
}

/// <summary>One request the fake received.</summary>
public sealed record FakeRequest(string Method, string Path, string[] Segments, IReadOnlyDictionary<string, string> Query, string[] Prefer, string Body, DateTimeOffset At)
{
    /// <summary>The query option <paramref name="name"/>, or null.</summary>
    public string? Q(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <summary>True for a delta request of <paramref name="folder"/> (any mailbox).</summary>
    public bool IsDelta(string? folder = null) =>
        Segments.Length == 6 && Segments[2] == "mailFolders" && Segments[5].Contains("delta", StringComparison.Ordinal)
        && (folder is null || Segments[3].Equals(folder, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for an attachment request.</summary>
    public bool IsAttachment => Segments.Contains("attachments");
}
