using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace OpsHelm.Core.Text;

/// <summary>Turns an HTML body into plain text with AngleSharp: scripts, styles and head dropped, blocks on lines, table cells tab-separated.</summary>
public static class HtmlText
{
    // Script, style and comment text is never read, so the tokenizer need not keep it.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions
    {
        IsScripting = false,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        DisableElementPositionTracking = true,
    });

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "noscript", "template", "svg", "object", "iframe", "meta", "link",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "tbody", "thead", "form",
    };

    /// <summary>Nesting deeper than this is read by <see cref="HtmlTagStripper"/>: the HTML5 tree builder slows quadratically with depth.</summary>
    public const int MaxParsedDepth = 256;

    /// <summary>The text of <paramref name="html"/>; never executes anything, never recurses on the document's depth.</summary>
    public static string ToText(string html)
    {
        if (HtmlTagStripper.NestingDepth(html) > MaxParsedDepth)
        {
            return HtmlTagStripper.ToText(html);
        }
        var document = Parser.ParseDocument(html);
        var root = (INode?)document.Body ?? document.DocumentElement;
        var text = new StringBuilder(Math.Min(html.Length, 1 << 16));
        // An explicit stack: hostile mail can nest elements deeper than the call stack allows.
        var stack = new Stack<(INode Node, bool Closing)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, closing) = stack.Pop();
            if (node is IElement element)
            {
                var name = element.LocalName;
                if (closing)
                {
                    AppendBreak(text, name);
                    continue;
                }
                if (Skipped.Contains(name))
                {
                    continue;
                }
                if (name is "td" or "th")
                {
                    AppendSeparator(text, '\t');
                }
                else if (Blocks.Contains(name))
                {
                    AppendSeparator(text, '\n');
                }
                stack.Push((node, true));
                for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                {
                    stack.Push((child, false));
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                AppendCollapsed(text, node.TextContent);
            }
            else if (node.NodeType is NodeType.Document or NodeType.DocumentFragment)
            {
                for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                {
                    stack.Push((child, false));
                }
            }
        }
        return text.ToString().Trim();
    }

    private static void AppendBreak(StringBuilder text, string name)
    {
        if (Blocks.Contains(name))
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
        if (last == '\n' || (last == separator))
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
