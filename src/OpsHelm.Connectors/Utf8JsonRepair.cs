using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace OpsHelm.Connectors;

/// <summary>
/// Makes provider JSON representable before it is read: JSON that parses can still hold what no string can carry on —
/// invalid UTF-8 inside a string, the escape of a lone surrogate (<c>\ud800</c>) or of NUL (<c>\u0000</c>). Each is replaced
/// by U+FFFD and said so in words, so the message is recorded with evidence of the repair instead of throwing (or being
/// read as empty) when it is serialized. One linear pass; nothing is allocated when there is nothing to repair.
/// </summary>
internal static class Utf8JsonRepair
{
    private const string Replacement = "\\ufffd";

    /// <summary>The repaired copy of <paramref name="element"/> and what was repaired; null when it needs no repair.</summary>
    public static (JsonDocument Document, IReadOnlyList<string> Repairs)? Repair(JsonElement element)
    {
        var (json, repairs) = Repair(JsonMarshal.GetRawUtf8Value(element));
        return json is null ? null : (JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 }), repairs);
    }

    /// <summary>The repaired JSON (null when <paramref name="json"/> needs no repair) and what was repaired, in words.</summary>
    public static (byte[]? Json, IReadOnlyList<string> Repairs) Repair(ReadOnlySpan<byte> json)
    {
        var validUtf8 = Utf8.IsValid(json);
        if (validUtf8 && !HasSuspectEscape(json))
        {
            return (null, []);
        }
        // Invalid sequences become U+FFFD here (the decoder's replacement fallback).
        var text = Encoding.UTF8.GetString(json);
        var output = new StringBuilder(text.Length);
        int surrogates = 0, nuls = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                output.Append(c);
                continue;
            }
            if (text[i + 1] != 'u' || !TryHex(text, i + 2, out var code))
            {
                // Any other escape (\\, \", \n …) is copied whole, so an escaped backslash never starts a \u escape.
                output.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (code == 0)
            {
                nuls++;
                output.Append(Replacement);
            }
            else if (char.IsHighSurrogate((char)code) && i + 12 <= text.Length && text[i + 6] == '\\' && text[i + 7] == 'u'
                && TryHex(text, i + 8, out var low) && char.IsLowSurrogate((char)low))
            {
                output.Append(text, i, 12);
                i += 6;
            }
            else if (char.IsSurrogate((char)code))
            {
                surrogates++;
                output.Append(Replacement);
            }
            else
            {
                output.Append(text, i, 6);
            }
            i += 5;
        }
        var repairs = new List<string>(3);
        if (!validUtf8)
        {
            repairs.Add("content repaired: bytes that are not UTF-8 replaced by U+FFFD");
        }
        if (surrogates > 0)
        {
            repairs.Add($"content repaired: {surrogates} lone surrogate escape(s) replaced by U+FFFD");
        }
        if (nuls > 0)
        {
            repairs.Add($"content repaired: {nuls} NUL escape(s) replaced by U+FFFD");
        }
        return repairs.Count == 0 ? (null, []) : (Encoding.UTF8.GetBytes(output.ToString()), repairs);
    }

    // Only \u0000 and \uD800–\uDFFF can need repair; any other text is left as it is without decoding it.
    private static bool HasSuspectEscape(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf("\\u"u8); i >= 0 && i + 5 < json.Length;)
        {
            var a = json[i + 2] | 0x20;
            var b = json[i + 3] | 0x20;
            if ((a == 'd' && b is >= '8' and <= '9' or >= 'a' and <= 'f') || json.Slice(i + 2, 4).SequenceEqual("0000"u8))
            {
                return true;
            }
            var next = json[(i + 2)..].IndexOf("\\u"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }
        return false;
    }

    private static bool TryHex(string text, int start, out int code)
    {
        code = 0;
        if (start + 4 > text.Length)
        {
            return false;
        }
        for (var k = start; k < start + 4; k++)
        {
            var digit = HexValue(text[k]);
            if (digit < 0)
            {
                return false;
            }
            code = code * 16 + digit;
        }
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
