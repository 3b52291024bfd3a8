namespace OpsHelm.Functions.Tests.Fuzz;

/// <summary>One request the fuzzer sends: method, path with query, headers, body bytes and their content type.</summary>
/// <param name="Name">What the request was made from (seed and mutations), for failure messages.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query, already escaped.</param>
/// <param name="Headers">Request headers (sent without validation).</param>
/// <param name="Body">The body, or null for none.</param>
/// <param name="ContentType">The body's content type header value, or null for none.</param>
/// <param name="Invalid">True when a mutation made the request one the app should refuse (a hint; a mutation may leave it valid).</param>
public sealed record FuzzRequest(
    string Name,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    bool Invalid)
{
    /// <summary>The message to send through the test host's client.</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri("http://localhost" + PathAndQuery));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    /// <summary>A short description for failure messages (the body cut to its first bytes).</summary>
    public override string ToString()
    {
        var body = Body is null ? "no body" : $"{Body.Length} bytes: {Preview(Body)}";
        return $"{Name}: {Method} {Cut(PathAndQuery, 200)} [{string.Join(", ", Headers.Select(h => h.Key))}] ({ContentType ?? "no content type"}; {body})";
    }

    private static string Preview(byte[] body) => Cut(System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)), 200);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
