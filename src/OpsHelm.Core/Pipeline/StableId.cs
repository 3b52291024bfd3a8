using System.Security.Cryptography;
using System.Text;

namespace OpsHelm.Core.Pipeline;

/// <summary>Deterministic ids: the same parts always give the same id, so re-running a window duplicates nothing.</summary>
public static class StableId
{
    /// <summary>A 32-hex-digit id of <paramref name="parts"/>, prefixed with <paramref name="kind"/>.</summary>
    public static string Of(string kind, params string?[] parts)
    {
        var joined = string.Join('\u001f', parts.Select(p => p ?? ""));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(joined), hash);
        return kind + "-" + Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Lower case, single spaces, no punctuation: the form promise text is keyed by.</summary>
    public static string NormalizeText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return builder.ToString();
    }
}
