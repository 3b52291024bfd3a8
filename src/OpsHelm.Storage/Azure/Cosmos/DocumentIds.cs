using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OpsHelm.Storage.Azure.Cosmos;

/// <summary>
/// Deterministic document ids: <c>{type}:{key}</c> when the key is a plain name, else <c>{type}:~{sha256 hex}</c>.
/// Cosmos ids may not hold '/', '\', '?' or '#' and are at most 255 characters; provider ids (Graph's base64) can hold them.
/// </summary>
internal static partial class DocumentIds
{
    /// <summary>The id of the <paramref name="type"/> document keyed by <paramref name="parts"/>.</summary>
    public static string For(string type, params string[] parts)
    {
        var key = parts.Length == 1 ? parts[0] : string.Join('\u001f', parts);
        return Plain().IsMatch(key)
            ? type + ":" + key
            : type + ":~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    [GeneratedRegex("^[A-Za-z0-9_.:@=+-][A-Za-z0-9_.:@=+~-]{0,199}$")]
    private static partial Regex Plain();
}
