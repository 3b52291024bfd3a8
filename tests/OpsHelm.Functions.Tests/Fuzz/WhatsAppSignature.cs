using System.Security.Cryptography;
using System.Text;

namespace OpsHelm.Functions.Tests.Fuzz;

/// <summary>Meta's X-Hub-Signature-256: HMAC-SHA256 of the raw body with the app secret, as <c>sha256=</c> and lower-case hex.</summary>
public static class WhatsAppSignature
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Hub-Signature-256";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Of(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
