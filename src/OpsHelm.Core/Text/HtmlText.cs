using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace OpsHelm.Core.Text;

/// <summary>
/// Turns an HTML body into plain text with AngleSharp's HTML5 tokenizer: scripts, styles and head dropped, blocks on
/// lines, table cells tab-separated. Tokens are read in one pass and no tree is built, so the cost stays linear
/// however deeply hostile markup nests.
/// </summary>
public static class HtmlText
{
    // Only raw-text elements: the tokenizer guarantees where they end, so skipping them can never swallow the body.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "title", "iframe", "textarea", "xmp", "noembed", "noframes",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "tbody", "thead", "form", "body",
    };

    /// <summary>The text of <paramref name="html"/>; never executes anything.</summary>
    public static string ToText(string html)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        var text = new StringBuilder(Math.Min(html.Length, 1 << 16));
        string? skipping = null;
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            switch (token.Type)
            {
                case HtmlTokenType.StartTag:
                    var name = token.Name;
                    if (skipping is null && Skipped.Contains(name) && !((HtmlTagToken)token).IsSelfClosing)
                    {
                        skipping = name;
                    }
                    // Raw-text elements must be tokenized as text, as a browser would, so "<" inside them opens nothing.
                    tokenizer.State = name.ToLowerInvariant() switch
                    {
                        "script" => HtmlParseMode.Script,
                        "style" or "xmp" or "iframe" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
                        "title" or "textarea" => HtmlParseMode.RCData,
                        "plaintext" => HtmlParseMode.Plaintext,
                        _ => HtmlParseMode.PCData,
                    };
                    if (skipping is null)
                    {
                        Separate(text, name);
                    }
                    break;
                case HtmlTokenType.EndTag:
                    if (skipping is not null)
                    {
                        if (token.Name.Equals(skipping, StringComparison.OrdinalIgnoreCase))
                        {
                            skipping = null;
                        }
                        break;
                    }
                    if (Blocks.Contains(token.Name))
                    {
                        AppendSeparator(text, '\n');
                    }
                    break;
                case HtmlTokenType.Character when skipping is null:
                    AppendCollapsed(text, token.Data);
                    break;
            }
        }
        return text.ToString().Trim();
    }

    private static void Separate(StringBuilder text, string name)
    {
        if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
        {
            AppendSeparator(text, '\t');
        }
        else if (Blocks.Contains(name))
        {
            AppendSeparator(text, '\n');
        }
    }

    private static void AppendSeparator(StringBuilder text, char separator)
    {
        if (text.Length == 0)
        {
            return;
        }
        var last = text[^1];
        if (last == '\n' || last == separator)
        {
            return;
        }
        if (last == ' ' || last == '\t')
        {
            text.Length--;
        }
        text.Append(separator);
    }

    private static void AppendCollapsed(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }
}
