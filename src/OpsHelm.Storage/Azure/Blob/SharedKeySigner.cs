using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>
/// Shared Key authorization for the Blob service (version 2009-09-19 and later): the string-to-sign is the verb, eleven
/// standard headers (Content-Length empty when zero), the canonicalized <c>x-ms-*</c> headers and the canonicalized resource
/// (<c>/{account}{encoded path}</c>, then each query parameter as <c>\nname:value</c>, names lower-case and sorted), signed
/// with HMAC-SHA256 under the base64-decoded account key.
/// </summary>
internal sealed class SharedKeySigner(string accountName, string accountKey)
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    /// <summary>The account the key belongs to.</summary>
    public string AccountName => accountName;

    /// <summary>Sets the <c>Authorization: SharedKey</c> header of a request whose <c>x-ms-*</c> headers are all set.</summary>
    public void Sign(HttpRequestMessage request)
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(StringToSign(request))));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", accountName + ":" + signature);
    }

    /// <summary>HMAC-SHA256 of <paramref name="value"/> under the account key, base64 (SAS signatures).</summary>
    public string Hmac(string value) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));

    /// <summary>The string-to-sign of <paramref name="request"/>.</summary>
    public string StringToSign(HttpRequestMessage request)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength is > 0 and var l ? l.ToString()! : "";
        var builder = new StringBuilder()
            .Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Join(content?.ContentEncoding)).Append('\n')
            .Append(Join(content?.ContentLanguage)).Append('\n')
            .Append(length).Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "").Append('\n')
            .Append(content?.ContentType?.ToString() ?? "").Append('\n')
            .Append("").Append('\n') // Date: x-ms-date is sent instead
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');
        foreach (var header in request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value.Select(Unfold))))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }
        var uri = request.RequestUri!;
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var parameter in QueryParameters(uri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(",", parameter.Value.Order(StringComparer.Ordinal)));
        }
        return builder.ToString();
    }

    private static string Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static string Join(ICollection<string>? values) => values is null ? "" : string.Join(",", values);

    // Canonical header values: trimmed, runs of whitespace (outside quotes) folded to one space.
    private static string Unfold(string value) => string.Join(' ', value.Trim().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, List<string>> QueryParameters(string query)
    {
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }
            values.Add(value);
        }
        return parameters;
    }
}
