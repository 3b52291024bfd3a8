using System.Text;

namespace OpsHelm.Functions.Tests.Fuzz;

/// <summary>
/// Mutates a valid request deterministically (the caller's seeded <see cref="Random"/>): bit flips, truncation, duplicated
/// segments, huge and deep JSON, invalid UTF-8, wrong content types, odd methods, long and odd paths and queries, removed
/// and garbled headers, oversize bodies. A WhatsApp body is sometimes signed again after its mutation, so hostile bytes
/// also reach the parser behind the signature check.
/// </summary>
public sealed class RequestMutator(string whatsAppSecret)
{
    private static readonly string[] Methods = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FUZZ", "post", "PROPFIND"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
        "application/json; charset=nonsense", "", ";;;", "application/octet-stream", "text/html; charset=\"", "*/*",
    ];

    private static readonly string[] OddSegments =
    [
        "%2e%2e", "..", "%C3%28", "%FF%FE", "%E2%80%AE", "~", "%20", "%2F", "a%25b", "%5C..%5C", "null", "undefined", "%7B%7D", "💥", 
    ];

    private static readonly string[] Junk = ["null", "true", "0", "-1", "1e309", "\"\"", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "9999999999999999999999"];

    private delegate FuzzRequest Mutation(FuzzRequest request, Random random);

    private readonly Mutation[] _mutations =
    [
        FlipBits, Truncate, DuplicateSegment, InsertInvalidUtf8, ReplaceJsonValue, ReplaceJsonValue, HugeJson, DeepJson, Oversize,
        EmptyBody, WrongContentType, OddMethod, OddPath, LongPath, OddQuery, LongQuery, RemoveHeader, GarbleHeader, HugeHeader, ForeignPrincipal,
        MutateEncodedData,
    ];

    /// <summary>The request after one to three mutations.</summary>
    public FuzzRequest Mutate(FuzzRequest seed, Random random)
    {
        var request = seed;
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var mutation = _mutations[random.Next(_mutations.Length)];
            request = mutation(request, random) with { Invalid = true };
            request = request with { Name = request.Name + "+" + mutation.Method.Name };
        }
        if (request.Body is { } body && request.Method == "POST" && request.PathAndQuery.StartsWith("/api/webhooks/whatsapp", StringComparison.Ordinal)
            && random.Next(2) == 0)
        {
            request = request with
            {
                Name = request.Name + "+Resigned",
                Headers = [.. request.Headers.Where(h => h.Key != WhatsAppSignature.Header), new(WhatsAppSignature.Header, WhatsAppSignature.Of(whatsAppSecret, body))],
            };
        }
        return request;
    }

    private static FuzzRequest FlipBits(FuzzRequest request, Random random)
    {
        if (request.Body is not { Length: > 0 } original)
        {
            return OddQuery(request, random);
        }
        var body = (byte[])original.Clone();
        for (var i = 1 + random.Next(8); i > 0; i--)
        {
            body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
        }
        return request with { Body = body };
    }

    private static FuzzRequest Truncate(FuzzRequest request, Random random) =>
        request.Body is { Length: > 0 } body ? request with { Body = body[..random.Next(body.Length)] } : LongPath(request, random);

    private static FuzzRequest DuplicateSegment(FuzzRequest request, Random random)
    {
        if (request.Body is not { Length: > 1 } body)
        {
            return OddPath(request, random);
        }
        var start = random.Next(body.Length);
        var length = 1 + random.Next(body.Length - start);
        var times = 1 + random.Next(random.Next(2) == 0 ? 3 : 200);
        var segment = body.AsSpan(start, length).ToArray();
        var result = new List<byte>(body.Length + (segment.Length * times));
        result.AddRange(body.AsSpan(0, start + length).ToArray());
        for (var i = 0; i < times; i++)
        {
            result.AddRange(segment);
        }
        result.AddRange(body.AsSpan(start + length).ToArray());
        return request with { Body = [.. result] };
    }

    private static readonly byte[][] InvalidUtf8 = [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x00], [0xE2, 0x82]];

    private static FuzzRequest InsertInvalidUtf8(FuzzRequest request, Random random)
    {
        var body = request.Body ?? [];
        var at = random.Next(body.Length + 1);
        var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
        return request with { Body = [.. body.AsSpan(0, at), .. bad, .. body.AsSpan(at)], ContentType = request.ContentType ?? "application/json" };
    }

    // Replaces one JSON string value or number with another type or a hostile value, keeping the rest well-formed.
    private static FuzzRequest ReplaceJsonValue(FuzzRequest request, Random random)
    {
        if (request.Body is not { Length: > 0 } body)
        {
            return HugeJson(request, random);
        }
        var text = Encoding.UTF8.GetString(body);
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
        if (colons.Count == 0)
        {
            return FlipBits(request, random);
        }
        var start = colons[random.Next(colons.Count)] + 1;
        var end = start;
        if (end < text.Length && text[end] == '"')
        {
            end = text.IndexOf('"', end + 1);
            end = end < 0 ? text.Length : end + 1;
        }
        else
        {
            while (end < text.Length && text[end] is not (',' or '}' or ']'))
            {
                end++;
            }
        }
        var replacement = random.Next(4) switch
        {
            0 => Junk[random.Next(Junk.Length)],
            1 => "\"" + new string('x', random.Next(1, 100_000)) + "\"",
            2 => "[" + string.Join(',', Enumerable.Repeat("{}", random.Next(1, 5_000))) + "]",
            _ => "\"" + OddSegments[random.Next(OddSegments.Length)] + "\"",
        };
        return request with { Body = Encoding.UTF8.GetBytes(text[..start] + replacement + text[end..]) };
    }

    // A Pub/Sub push carries its notification base64-encoded in message.data: mutate what is inside and encode it again.
    private static FuzzRequest MutateEncodedData(FuzzRequest request, Random random)
    {
        const string marker = "\"data\":\"";
        var text = request.Body is null ? "" : Encoding.Latin1.GetString(request.Body);
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('"', start + marker.Length);
        var decoded = new byte[Math.Max(0, end - start)];
        if (end < 0 || !Convert.TryFromBase64String(text[(start + marker.Length)..end], decoded, out var length))
        {
            return ReplaceJsonValue(request, random);
        }
        var inner = new FuzzRequest("inner", "POST", "/", [], decoded[..length], null, false);
        inner = random.Next(3) switch { 0 => InsertInvalidUtf8(inner, random), 1 => ReplaceJsonValue(inner, random), _ => FlipBits(inner, random) };
        var encoded = Convert.ToBase64String(inner.Body!);
        return request with { Body = Encoding.Latin1.GetBytes(text[..(start + marker.Length)] + encoded + text[end..]) };
    }

    private static FuzzRequest HugeJson(FuzzRequest request, Random random)
    {
        var items = random.Next(1, 20_000);
        var body = random.Next(2) == 0
            ? "{\"value\":[" + string.Join(',', Enumerable.Repeat("{\"subscriptionId\":\"x\",\"clientState\":\"y\"}", items)) + "]}"
            : "{" + string.Join(',', Enumerable.Range(0, items).Select(i => $"\"k{i}\":{i}")) + "}";
        return request with { Body = Encoding.UTF8.GetBytes(body), ContentType = "application/json" };
    }

    private static FuzzRequest DeepJson(FuzzRequest request, Random random)
    {
        var depth = random.Next(10, 100_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var builder = new StringBuilder("{\"value\":");
        builder.Append(string.Concat(Enumerable.Repeat(open, depth))).Append('1');
        builder.Append(string.Concat(Enumerable.Repeat(close, random.Next(3) == 0 ? depth / 2 : depth))).Append('}');
        return request with { Body = Encoding.UTF8.GetBytes(builder.ToString()), ContentType = "application/json" };
    }

    private static FuzzRequest Oversize(FuzzRequest request, Random random)
    {
        var size = random.Next(3) switch { 0 => 64 * 1024 + 1, 1 => 1024 * 1024 + random.Next(1, 4096), _ => 2 * 1024 * 1024 };
        var body = new byte[size];
        var prefix = request.Body ?? "{\"value\":[]}"u8.ToArray();
        prefix.AsSpan(0, Math.Min(prefix.Length, size)).CopyTo(body);
        body.AsSpan(Math.Min(prefix.Length, size)).Fill((byte)' ');
        return request with { Body = body, ContentType = request.ContentType ?? "application/json" };
    }

    private static FuzzRequest EmptyBody(FuzzRequest request, Random random) =>
        random.Next(2) == 0 ? request with { Body = [] } : request with { Body = null, ContentType = null };

    private static FuzzRequest WrongContentType(FuzzRequest request, Random random) =>
        request with { Body = request.Body ?? [], ContentType = ContentTypes[random.Next(ContentTypes.Length)] };

    private static FuzzRequest OddMethod(FuzzRequest request, Random random)
    {
        var method = Methods[random.Next(Methods.Length)];
        // A HEAD answer has no body, so the client refuses to send one with it.
        return method == "HEAD" ? request with { Method = method, Body = null, ContentType = null } : request with { Method = method };
    }

    private static FuzzRequest OddPath(FuzzRequest request, Random random)
    {
        var (path, query) = Split(request.PathAndQuery);
        var segments = path.Split('/').ToList();
        var at = random.Next(1, segments.Count + 1);
        switch (random.Next(5))
        {
            case 0:
                segments.Insert(at, OddSegments[random.Next(OddSegments.Length)]);
                break;
            case 1 when at < segments.Count:
                segments[at] = OddSegments[random.Next(OddSegments.Length)];
                break;
            case 2:
                segments.Insert(at, "");
                break;
            case 3:
                path = path.ToUpperInvariant();
                return request with { PathAndQuery = path + query };
            default:
                segments[^1] += random.Next(2) == 0 ? "/" : ";x=1";
                break;
        }
        return request with { PathAndQuery = string.Join('/', segments) + query };
    }

    private static FuzzRequest LongPath(FuzzRequest request, Random random)
    {
        var (path, query) = Split(request.PathAndQuery);
        var extra = random.Next(2) == 0
            ? "/" + new string('a', random.Next(100, 8_000))
            : string.Concat(Enumerable.Repeat("/x", random.Next(10, 2_000)));
        return request with { PathAndQuery = path + extra + query };
    }

    private static FuzzRequest OddQuery(FuzzRequest request, Random random)
    {
        var (path, query) = Split(request.PathAndQuery);
        var pair = random.Next(8) switch
        {
            0 => "validationToken=",
            1 => "validationToken=%00%01%02",
            2 => "validationToken=" + new string('v', 5_000),
            3 => "since=" + OddSegments[random.Next(OddSegments.Length)],
            4 => "limit=" + Junk[random.Next(Junk.Length)].Trim('"'),
            5 => "status=%FF",
            6 => "hub.mode=subscribe&hub.mode=unsubscribe&hub.challenge=",
            _ => "a=%&b==&&=c",
        };
        return request with { PathAndQuery = path + (query.Length == 0 ? "?" : query + "&") + pair };
    }

    private static FuzzRequest LongQuery(FuzzRequest request, Random random)
    {
        var (path, query) = Split(request.PathAndQuery);
        var pairs = string.Join('&', Enumerable.Range(0, random.Next(10, 1_000)).Select(i => $"k{i % 7}={i}"));
        return request with { PathAndQuery = path + (query.Length == 0 ? "?" : query + "&") + pairs };
    }

    private static FuzzRequest RemoveHeader(FuzzRequest request, Random random) =>
        request.Headers.Count == 0 ? WrongContentType(request, random) : request with { Headers = [.. request.Headers.Where((_, i) => i != random.Next(request.Headers.Count))] };

    private static FuzzRequest GarbleHeader(FuzzRequest request, Random random)
    {
        if (request.Headers.Count == 0)
        {
            return request with { Headers = [new("x-ms-client-principal", "!!!not base64!!!")] };
        }
        var index = random.Next(request.Headers.Count);
        var chars = request.Headers[index].Value.ToCharArray();
        for (var i = 1 + random.Next(4); i > 0 && chars.Length > 0; i--)
        {
            chars[random.Next(chars.Length)] = (char)random.Next(0x21, 0x7F);
        }
        var headers = request.Headers.ToList();
        headers[index] = new(headers[index].Key, random.Next(5) == 0 ? "" : new string(chars[..random.Next(chars.Length + 1)]));
        return request with { Headers = headers };
    }

    private static FuzzRequest HugeHeader(FuzzRequest request, Random random)
    {
        var name = random.Next(3) switch { 0 => "x-ms-client-principal", 1 => WhatsAppSignature.Header, _ => "Authorization" };
        var value = name == "Authorization" ? "Bearer " + new string('A', random.Next(1_000, 30_000)) : new string('A', random.Next(1_000, 30_000));
        return request with { Headers = [.. request.Headers.Where(h => h.Key != name), new(name, value)] };
    }

    // A well-formed principal with odd content: other roles, odd ids, a deep or huge JSON document.
    private static FuzzRequest ForeignPrincipal(FuzzRequest request, Random random)
    {
        var json = random.Next(6) switch
        {
            5 => "{\"identityProvider\":\"aad\",\"userId\":\"u\xC3\x28\",\"userRoles\":[\"workspace:ws-demo\"]}",
            0 => """{"identityProvider":"aad","userId":"u","userDetails":"d","userRoles":["workspace:*","workspace:","workspace:ws-demo/../ws-other"]}""",
            1 => """{"identityProvider":"aad","userId":"u","userRoles":"workspace:ws-demo"}""",
            2 => "[" + new string('[', 500) + new string(']', 500) + "]",
            3 => """{"identityProvider":1,"userId":null,"userRoles":[1,2,{"a":"workspace:ws-demo"}]}""",
            _ => """{"identityProvider":"aad","userId":"u","userRoles":["workspace:WS-DEMO","workspace:ws-demo\u0000"]}""",
        };
        return request with
        {
            Headers = [.. request.Headers.Where(h => h.Key != "x-ms-client-principal"), new("x-ms-client-principal", Convert.ToBase64String(Latin1(json)))],
        };
    }

    // Each char one byte, so a string can carry bytes that are not valid UTF-8 into a base64 payload.
    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static (string Path, string Query) Split(string pathAndQuery)
    {
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return at < 0 ? (pathAndQuery, "") : (pathAndQuery[..at], pathAndQuery[at..]);
    }
}
