using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using OpsHelm.Connectors.Tests.Doubles;

namespace OpsHelm.Connectors.Tests.Gmail;

/// <summary>
/// A Gmail API on loopback speaking the documented wire format: users.history.list (startHistoryId, historyTypes,
/// maxResults, pageToken/nextPageToken, 404 for a history id it no longer has), users.messages.list (q with after:/before:
/// epoch seconds), users.messages.get?format=full, users.messages.attachments.get, users.getProfile, users.watch,
/// users.stop; Google error bodies; injected faults with Retry-After. It also serves a JWKS and an OAuth token endpoint.
/// </summary>
internal sealed partial class FakeGmailServer : IAsyncDisposable
{
    public const string AccessToken = "fake-gmail-access-token";
    private readonly object _gate = new();
    private readonly List<HistoryEntry> _history = [];
    private readonly Dictionary<string, JsonObject> _messages = new();
    private readonly Dictionary<(string, string), byte[]> _attachments = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private long _historyId = 1000;
    private int _messageCounter;

    private FakeGmailServer(string address) => Address = address;

    public string Address { get; }
    public LoopbackServer Server { get; private set; } = null!;
    public Uri BaseUrl => Server.BaseUrl;
    public long CurrentHistoryId { get { lock (_gate) { return _historyId; } } }
    /// <summary>users.history.list answers 404 for a startHistoryId below this.</summary>
    public long OldestHistoryId { get; set; }
    public ConcurrentQueue<string> WatchBodies { get; } = new();
    public DateTimeOffset WatchExpiration { get; set; } = DateTimeOffset.UtcNow.AddDays(7);
    public string? JwksJson { get; set; }
    /// <summary>The OAuth token endpoint: form in, status and JSON out.</summary>
    public Func<IFormCollection, (int Status, string Json)>? TokenEndpoint { get; set; }
    public ConcurrentQueue<IFormCollection> TokenRequests { get; } = new();

    public static async Task<FakeGmailServer> StartAsync(string address)
    {
        var fake = new FakeGmailServer(address);
        fake.Server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public IReadOnlyList<string> Requests => Server.Requests.ToList();

    /// <summary>Answers the next <paramref name="times"/> requests whose path and query contain <paramref name="match"/> with an error.</summary>
    public void Fail(string match, int status, string reason, int? retryAfterSeconds = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new Fault(match, status, reason, retryAfterSeconds));
        }
    }

    /// <summary>Answers the next request whose path and query contain <paramref name="match"/> with 200 and <paramref name="rawJson"/> as it is (a malformed page, content no string can carry).</summary>
    public void Reply(string match, string rawJson) => _faults.Enqueue(new Fault(match, 200, "", null) { RawBody = rawJson });

    /// <summary>Adds a message (a messageAdded history record) and returns its id.</summary>
    public string AddMessage(FakeGmailMessage message)
    {
        lock (_gate)
        {
            var id = (0x18c0000000L + ++_messageCounter).ToString("x", CultureInfo.InvariantCulture);
            var threadId = message.ThreadId ?? id;
            var historyId = ++_historyId;
            _messages[id] = Build(id, threadId, historyId, message);
            _history.Add(new HistoryEntry(historyId, "messagesAdded", id, threadId, message.Labels, message.Labels));
            return id;
        }
    }

    /// <summary>Adds <paramref name="label"/> to a message (a labelAdded history record).</summary>
    public void AddLabel(string messageId, string label)
    {
        lock (_gate)
        {
            var message = _messages[messageId];
            var labels = message["labelIds"]!.AsArray().Select(l => l!.GetValue<string>()).Append(label).Distinct().ToArray();
            message["labelIds"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray());
            _history.Add(new HistoryEntry(++_historyId, "labelsAdded", messageId, message["threadId"]!.GetValue<string>(), [label], labels));
        }
    }

    /// <summary>Forgets all history before now (as Gmail does after about a week): older startHistoryIds get 404.</summary>
    public void ExpireHistory()
    {
        lock (_gate)
        {
            OldestHistoryId = _historyId;
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (path == "/jwks")
        {
            await Json(context, 200, JwksJson ?? """{"keys":[]}""");
            return;
        }
        if (path == "/token" && request.Method == "POST")
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form);
            var (status, json) = TokenEndpoint?.Invoke(form) ?? (400, """{"error":"invalid_request"}""");
            await Json(context, status, json);
            return;
        }
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            await Error(context, 401, "Request had invalid authentication credentials.", "authError", "UNAUTHENTICATED");
            return;
        }
        var target = path + request.QueryString;
        foreach (var fault in _faults)
        {
            if (target.Contains(fault.Match, StringComparison.Ordinal) && TryTake(fault))
            {
                if (fault.RawBody is { } rawBody)
                {
                    await Json(context, fault.Status, rawBody);
                    return;
                }
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                await Error(context, fault.Status, $"Injected {fault.Status}", fault.Reason, StatusName(fault.Status));
                return;
            }
        }
        var match = UserPath().Match(path);
        if (!match.Success || !Uri.UnescapeDataString(match.Groups["user"].Value).Equals(Address, StringComparison.OrdinalIgnoreCase))
        {
            await Error(context, 404, "Requested entity was not found.", "notFound", "NOT_FOUND");
            return;
        }
        var rest = match.Groups["rest"].Value;
        var query = request.Query;
        switch (request.Method, rest)
        {
            case ("GET", "profile"):
                await Json(context, 200, new JsonObject { ["emailAddress"] = Address, ["messagesTotal"] = _messages.Count, ["historyId"] = CurrentHistoryId.ToString(CultureInfo.InvariantCulture) }.ToJsonString());
                return;
            case ("GET", "history"):
                await HistoryAsync(context, query);
                return;
            case ("GET", "messages"):
                await ListAsync(context, query);
                return;
            case ("POST", "watch"):
                using (var reader = new StreamReader(request.Body))
                {
                    WatchBodies.Enqueue(await reader.ReadToEndAsync());
                }
                await Json(context, 200, new JsonObject
                {
                    ["historyId"] = CurrentHistoryId.ToString(CultureInfo.InvariantCulture),
                    ["expiration"] = WatchExpiration.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                }.ToJsonString());
                return;
            case ("POST", "stop"):
                context.Response.StatusCode = 204;
                return;
        }
        var attachment = AttachmentPath().Match(rest);
        if (request.Method == "GET" && attachment.Success)
        {
            byte[]? bytes;
            lock (_gate)
            {
                _attachments.TryGetValue((attachment.Groups["message"].Value, attachment.Groups["attachment"].Value), out bytes);
            }
            if (bytes is null)
            {
                await Error(context, 404, "Requested entity was not found.", "notFound", "NOT_FOUND");
                return;
            }
            await Json(context, 200, new JsonObject { ["size"] = bytes.Length, ["data"] = Base64Url(bytes) }.ToJsonString());
            return;
        }
        var message = MessagePath().Match(rest);
        if (request.Method == "GET" && message.Success)
        {
            string? json;
            lock (_gate)
            {
                json = _messages.TryGetValue(message.Groups["id"].Value, out var m) ? m.ToJsonString() : null;
            }
            if (json is null || query["format"] != "full")
            {
                await Error(context, 404, "Requested entity was not found.", "notFound", "NOT_FOUND");
                return;
            }
            await Json(context, 200, json);
            return;
        }
        await Error(context, 404, "Not Found", "notFound", "NOT_FOUND");
    }

    private async Task HistoryAsync(HttpContext context, IQueryCollection query)
    {
        if (!long.TryParse(query["startHistoryId"], out var start))
        {
            await Error(context, 400, "Invalid startHistoryId", "invalidArgument", "INVALID_ARGUMENT");
            return;
        }
        var types = query["historyTypes"].ToArray();
        var max = int.TryParse(query["maxResults"], out var m) ? Math.Min(m, 500) : 100;
        var offset = int.TryParse(query["pageToken"], out var o) ? o : 0;
        JsonObject body;
        lock (_gate)
        {
            if (start < OldestHistoryId)
            {
                body = null!;
            }
            else
            {
                var records = _history.Where(h => h.Id > start && (types.Length == 0 || types.Contains(h.Kind == "messagesAdded" ? "messageAdded" : "labelAdded"))).ToList();
                var page = records.Skip(offset).Take(max).ToList();
                body = new JsonObject { ["historyId"] = _historyId.ToString(CultureInfo.InvariantCulture) };
                if (page.Count > 0)
                {
                    body["history"] = new JsonArray(page.Select(Record).ToArray());
                }
                if (offset + max < records.Count)
                {
                    body["nextPageToken"] = (offset + max).ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        if (body is null)
        {
            await Error(context, 404, "Requested entity was not found.", "notFound", "NOT_FOUND");
            return;
        }
        await Json(context, 200, body.ToJsonString());
    }

    private async Task ListAsync(HttpContext context, IQueryCollection query)
    {
        var q = query["q"].ToString();
        long? after = AfterTerm().Match(q) is { Success: true } a ? long.Parse(a.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        long? before = BeforeTerm().Match(q) is { Success: true } b ? long.Parse(b.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        var max = int.TryParse(query["maxResults"], out var m) ? Math.Min(m, 500) : 100;
        var offset = int.TryParse(query["pageToken"], out var o) ? o : 0;
        JsonObject body;
        lock (_gate)
        {
            var matching = _messages.Values
                .Select(msg => (Id: msg["id"]!.GetValue<string>(), Thread: msg["threadId"]!.GetValue<string>(),
                    Seconds: long.Parse(msg["internalDate"]!.GetValue<string>(), CultureInfo.InvariantCulture) / 1000,
                    Labels: msg["labelIds"]!.AsArray().Select(l => l!.GetValue<string>()).ToList()))
                .Where(x => (after is null || x.Seconds >= after) && (before is null || x.Seconds < before)
                    && (x.Labels.Contains("INBOX") || x.Labels.Contains("SENT")))
                .OrderByDescending(x => x.Seconds).ThenByDescending(x => x.Id, StringComparer.Ordinal)
                .ToList();
            var page = matching.Skip(offset).Take(max).ToList();
            body = new JsonObject { ["resultSizeEstimate"] = matching.Count };
            if (page.Count > 0)
            {
                body["messages"] = new JsonArray(page.Select(x => (JsonNode)new JsonObject { ["id"] = x.Id, ["threadId"] = x.Thread }).ToArray());
            }
            if (offset + max < matching.Count)
            {
                body["nextPageToken"] = (offset + max).ToString(CultureInfo.InvariantCulture);
            }
        }
        await Json(context, 200, body.ToJsonString());
    }

    private static JsonNode Record(HistoryEntry entry)
    {
        var message = new JsonObject { ["id"] = entry.MessageId, ["threadId"] = entry.ThreadId, ["labelIds"] = Strings(entry.MessageLabels) };
        var record = new JsonObject
        {
            ["id"] = entry.Id.ToString(CultureInfo.InvariantCulture),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = entry.MessageId, ["threadId"] = entry.ThreadId }),
        };
        record[entry.Kind] = entry.Kind == "messagesAdded"
            ? new JsonArray(new JsonObject { ["message"] = message })
            : new JsonArray(new JsonObject { ["message"] = message, ["labelIds"] = Strings(entry.Labels) });
        return record;
    }

    private JsonObject Build(string id, string threadId, long historyId, FakeGmailMessage m)
    {
        var headers = new JsonArray(
            Header("From", m.From), Header("To", m.To), Header("Subject", m.Subject),
            Header("Date", m.Date.ToString("ddd, d MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + m.Date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "")),
            Header("Message-ID", $"<{id}@mail.example.com>"));
        foreach (var (name, value) in m.ExtraHeaders)
        {
            headers.Add(Header(name, value));
        }
        var plain = TextPart("0.0", "text/plain", m.Body);
        var html = TextPart("0.1", "text/html", $"<div dir=\"ltr\">{System.Net.WebUtility.HtmlEncode(m.Body)}</div>");
        var alternative = new JsonObject
        {
            ["partId"] = "0", ["mimeType"] = "multipart/alternative", ["filename"] = "",
            ["headers"] = new JsonArray(Header("Content-Type", "multipart/alternative; boundary=\"alt\"")),
            ["body"] = new JsonObject { ["size"] = 0 },
            ["parts"] = new JsonArray(plain, html),
        };
        var parts = new JsonArray(alternative);
        var index = 1;
        foreach (var (name, mime, bytes) in m.Attachments)
        {
            var attachmentId = "ANGjdJ" + Base64Url(Encoding.UTF8.GetBytes($"{id}-{index}"));
            _attachments[(id, attachmentId)] = bytes;
            parts.Add(new JsonObject
            {
                ["partId"] = index.ToString(CultureInfo.InvariantCulture), ["mimeType"] = mime, ["filename"] = name,
                ["headers"] = new JsonArray(Header("Content-Type", $"{mime}; name=\"{name}\""), Header("Content-Disposition", $"attachment; filename=\"{name}\""),
                    Header("Content-Transfer-Encoding", "base64")),
                ["body"] = new JsonObject { ["attachmentId"] = attachmentId, ["size"] = bytes.Length },
            });
            index++;
        }
        return new JsonObject
        {
            ["id"] = id,
            ["threadId"] = threadId,
            ["labelIds"] = Strings(m.Labels),
            ["snippet"] = m.Body.Length > 100 ? m.Body[..100] : m.Body,
            ["historyId"] = historyId.ToString(CultureInfo.InvariantCulture),
            ["internalDate"] = m.Date.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["sizeEstimate"] = m.Body.Length + 2000,
            ["payload"] = new JsonObject
            {
                ["partId"] = "", ["mimeType"] = "multipart/mixed", ["filename"] = "",
                ["headers"] = headers,
                ["body"] = new JsonObject { ["size"] = 0 },
                ["parts"] = parts,
            },
        };
    }

    private static JsonObject TextPart(string partId, string mime, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new JsonObject
        {
            ["partId"] = partId, ["mimeType"] = mime, ["filename"] = "",
            ["headers"] = new JsonArray(Header("Content-Type", $"{mime}; charset=\"UTF-8\"")),
            ["body"] = new JsonObject { ["size"] = bytes.Length, ["data"] = Base64Url(bytes) },
        };
    }

    private static JsonObject Header(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private bool TryTake(Fault fault)
    {
        // Faults are taken in order; a fault is used once.
        lock (_gate)
        {
            if (fault.Used)
            {
                return false;
            }
            fault.Used = true;
            return true;
        }
    }

    private static string StatusName(int status) => status switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ => "INTERNAL",
    };

    private static Task Error(HttpContext context, int status, string message, string reason, string statusName) =>
        Json(context, status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
                ["status"] = statusName,
            },
        }.ToJsonString());

    private static async Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(json);
    }

    [GeneratedRegex(@"^/gmail/v1/users/(?<user>[^/]+)/(?<rest>.+)$")]
    private static partial Regex UserPath();

    [GeneratedRegex(@"^messages/(?<message>[^/]+)/attachments/(?<attachment>[^/]+)$")]
    private static partial Regex AttachmentPath();

    [GeneratedRegex(@"^messages/(?<id>[^/]+)$")]
    private static partial Regex MessagePath();

    [GeneratedRegex(@"after:(\d+)")]
    private static partial Regex AfterTerm();

    [GeneratedRegex(@"before:(\d+)")]
    private static partial Regex BeforeTerm();

    private sealed record HistoryEntry(long Id, string Kind, string MessageId, string ThreadId, IReadOnlyList<string> Labels, IReadOnlyList<string> MessageLabels);

    private sealed class Fault(string match, int status, string reason, int? retryAfterSeconds)
    {
        public string Match { get; } = match;
        public int Status { get; } = status;
        public string Reason { get; } = reason;
        public int? RetryAfterSeconds { get; } = retryAfterSeconds;
        public bool Used { get; set; }
        public string? RawBody { get; init; }
    }
}

/// <summary>A message to put in the fake mailbox.</summary>
internal sealed record FakeGmailMessage
{
    public string From { get; init; } = "Ana Ruiz <ana@contoso.com>";
    public string To { get; init; } = "Dana Lee <dana@opshelm-msp.com>";
    public string Subject { get; init; } = "Printer offline";
    public string Body { get; init; } = "Hi, the printer on floor 2 is offline again.";
    public DateTimeOffset Date { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-5);
    public IReadOnlyList<string> Labels { get; init; } = ["INBOX", "UNREAD", "CATEGORY_PERSONAL"];
    public string? ThreadId { get; init; }
    public IReadOnlyList<(string Name, string MimeType, byte[] Bytes)> Attachments { get; init; } = [];
    public IReadOnlyList<(string Name, string Value)> ExtraHeaders { get; init; } = [];
}
