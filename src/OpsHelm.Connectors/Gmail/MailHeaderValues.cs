using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Gmail;

/// <summary>Reads the header values Gmail gives verbatim: address lists and RFC 5322 dates.</summary>
internal static partial class MailHeaderValues
{
    private const int MaxAddresses = 500;
    private static readonly string[] DateFormats = ["d MMM yyyy H:mm:ss zzz", "d MMM yyyy H:mm zzz", "d MMM yy H:mm:ss zzz"];

    /// <summary>The addresses of a To/Cc/From value: <c>Name &lt;a@b&gt;</c>, <c>"Last, First" &lt;c@d&gt;</c>, <c>e@f</c>.</summary>
    public static IReadOnlyList<Participant> Addresses(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }
        var result = new List<Participant>();
        foreach (var item in SplitOutsideQuotes(value))
        {
            if (result.Count == MaxAddresses)
            {
                break;
            }
            var open = item.LastIndexOf('<');
            var close = item.LastIndexOf('>');
            string address;
            string? name = null;
            if (open >= 0 && close > open)
            {
                address = item[(open + 1)..close].Trim();
                name = item[..open].Trim().Trim('"').Replace("\\\"", "\"").Trim();
            }
            else
            {
                address = item.Trim().Trim('"');
            }
            if (address.Contains('@'))
            {
                result.Add(new Participant(address, string.IsNullOrEmpty(name) ? null : name));
            }
        }
        return result;
    }

    /// <summary>The instant of an RFC 5322 Date header, or null when it cannot be read.</summary>
    public static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            return null;
        }
        var text = Comment().Replace(value, " ").Trim();
        var comma = text.IndexOf(',');
        if (comma >= 0)
        {
            text = text[(comma + 1)..].Trim();
        }
        text = Whitespace().Replace(text, " ");
        text = Zone().Replace(text, m => m.Groups["named"].Success ? "+00:00" : $"{m.Groups["sign"].Value}{m.Groups["hh"].Value}:{m.Groups["mm"].Value}");
        return DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date) ? date : null;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string value)
    {
        var current = new StringBuilder();
        var quoted = false;
        var depth = 0;
        foreach (var c in value)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '<')
            {
                depth++;
            }
            else if (!quoted && c == '>' && depth > 0)
            {
                depth--;
            }
            if (c == ',' && !quoted && depth == 0)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    [GeneratedRegex(@"\([^()]*\)", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?:(?<sign>[+-])(?<hh>\d\d)(?<mm>\d\d)|(?<named>\b(?:GMT|UT|UTC|Z)))$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Zone();
}
