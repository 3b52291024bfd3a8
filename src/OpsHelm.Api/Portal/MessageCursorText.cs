using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OpsHelm.Core.Ports;

namespace OpsHelm.Api.Portal;

/// <summary>A search cursor as the opaque URL-safe text the API hands out: base64url of <c>{unix ms}\n{event key}</c>.</summary>
public static class MessageCursorText
{
    /// <summary>The longest cursor accepted.</summary>
    public const int MaxChars = 2048;

    /// <summary>The text of <paramref name="cursor"/>.</summary>
    public static string Encode(MessageCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            cursor.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n" + cursor.EventKey));
    }

    /// <summary>The cursor <paramref name="text"/> encodes, or null when it is not one.</summary>
    public static MessageCursor? Decode(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxChars)
        {
            return null;
        }
        try
        {
            var plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var split = plain.IndexOf('\n', StringComparison.Ordinal);
            return split > 0 && split < plain.Length - 1
                && long.TryParse(plain.AsSpan(0, split), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                && ms is >= -62_135_596_800_000 and <= 253_402_300_799_999
                ? new MessageCursor(DateTimeOffset.FromUnixTimeMilliseconds(ms), plain[(split + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
