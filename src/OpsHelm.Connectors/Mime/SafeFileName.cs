using System.Globalization;
using System.Text;

namespace OpsHelm.Connectors.Mime;

/// <summary>An attachment's declared name made safe to show and store: no path, no control or direction-override characters, bounded length.</summary>
internal static class SafeFileName
{
    private const int MaxChars = 200;

    /// <summary>The safe form of <paramref name="declared"/>, or <paramref name="fallback"/> when nothing usable is left.</summary>
    public static string Of(string? declared, string fallback)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return fallback;
        }
        // Both separators: a name from Windows mail arrives with backslashes whatever the reader's platform.
        var last = Math.Max(declared.LastIndexOf('/'), declared.LastIndexOf('\\'));
        var name = declared[(last + 1)..];
        var builder = new StringBuilder(Math.Min(name.Length, MaxChars));
        foreach (var c in name)
        {
            if (builder.Length >= MaxChars - (char.IsHighSurrogate(c) ? 1 : 0))
            {
                break;
            }
            var category = char.GetUnicodeCategory(c);
            // Format characters include U+202E RIGHT-TO-LEFT OVERRIDE, which disguises "exe.pdf" names.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format || c is ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                builder.Append('_');
                continue;
            }
            builder.Append(c);
        }
        var result = builder.ToString().Trim().TrimStart('.');
        return result.Length == 0 ? fallback : result;
    }
}
