using System.Net;
using System.Text;

namespace OpsHelm.Core.Text;

/// <summary>
/// A linear-time HTML reader for markup too deeply nested to hand to a tree builder: tags dropped, script and style
/// contents skipped, block tags turned into line breaks, entities decoded.
/// </summary>
public static class HtmlTagStripper
{
    private static readonly HashSet<string> VoidTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source", "p", "li", "td", "tr", "th",
    };

    /// <summary>An estimate of the deepest element nesting in <paramref name="html"/>, in one pass.</summary>
    public static int NestingDepth(string html)
    {
        int depth = 0, deepest = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            if (html[i + 1] == '/')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (char.IsAsciiLetter(html[i + 1]) && !VoidTags.Contains(TagName(html, i + 1)))
            {
                deepest = Math.Max(deepest, ++depth);
            }
        }
        return deepest;
    }

    /// <summary>The text of <paramref name="html"/>.</summary>
    public static string ToText(string html)
    {
        var text = new StringBuilder(Math.Min(html.Length, 1 << 16));
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }
            text.Append(html, i, open - i);
            var close = html.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }
            var closing = open + 1 < html.Length && html[open + 1] == '/';
            var name = TagName(html, closing ? open + 2 : open + 1);
            i = close + 1;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
                continue;
            }
            if (name is "br" or "p" or "div" or "tr" or "li" or "table" or "h1" or "h2" or "h3" or "blockquote")
            {
                text.Append('\n');
            }
            else if (name is "td" or "th")
            {
                text.Append('\t');
            }
        }
        return WebUtility.HtmlDecode(text.ToString()).Trim();
    }

    private static string TagName(string html, int start)
    {
        var end = start;
        while (end < html.Length && end - start < 16 && char.IsAsciiLetterOrDigit(html[end]))
        {
            end++;
        }
        return html[start..end].ToLowerInvariant();
    }
}
