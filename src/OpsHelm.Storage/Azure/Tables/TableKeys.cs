using System.Security.Cryptography;
using System.Text;

namespace OpsHelm.Storage.Azure.Tables;

/// <summary>
/// PartitionKey and RowKey values from ids, mailboxes and folders. Table keys refuse '/', '\', '#', '?' and control characters;
/// those (and '%', '|' and the quote, to keep the encoding one-to-one) become <c>%XX</c>. A key too long for the service is
/// replaced by its hash; the entity keeps the original values in its own properties.
/// </summary>
internal static class TableKeys
{
    // The service allows 1 KiB per key; UTF-16 makes that 512 characters. Stay well inside.
    private const int MaxLength = 400;

    /// <summary>The key for one value.</summary>
    public static string For(string value) => Bound(Escape(value));

    /// <summary>The key for two values (mailbox and folder), joined by a separator neither can contain once escaped.</summary>
    public static string For(string first, string second) => Bound(Escape(first) + "|" + Escape(second));

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' or '\'' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static string Bound(string key) => key.Length <= MaxLength
        ? key
        : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
