namespace OpsHelm.Core.Text;

/// <summary>Finds where quoted or forwarded text begins in a plain-text body (Outlook, Gmail and ">" styles).</summary>
public static class QuoteSplitter
{
    // An Outlook header block ("From:" then "Sent:" or "Date:") is read this many lines on.
    private const int HeaderBlockLines = 4;

    /// <summary>The index where the quote begins, or the text's length when there is none. Linear in the text.</summary>
    public static int QuoteStart(string text)
    {
        for (var start = 0; start < text.Length; start = NextLine(text, start))
        {
            var line = Line(text, start).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (IsSeparator(line) || line[0] == '>')
            {
                return start;
            }
            if (line.StartsWith("On ", StringComparison.Ordinal) && line.EndsWith("wrote:", StringComparison.Ordinal))
            {
                return start;
            }
            if (line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) && HeaderBlockFollows(text, start))
            {
                return start;
            }
        }
        return text.Length;
    }

    private static bool IsSeparator(ReadOnlySpan<char> line) =>
        (line.Length >= 10 && !line.ContainsAnyExcept('_'))
        || line.StartsWith("---", StringComparison.Ordinal)
            && (line.Contains("Original Message", StringComparison.OrdinalIgnoreCase) || line.Contains("Forwarded message", StringComparison.OrdinalIgnoreCase));

    private static bool HeaderBlockFollows(string text, int from)
    {
        var start = NextLine(text, from);
        for (var j = 0; j < HeaderBlockLines && start < text.Length; j++, start = NextLine(text, start))
        {
            var line = Line(text, start).TrimStart();
            if (line.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<char> Line(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return text.AsSpan(start, (end < 0 ? text.Length : end) - start);
    }

    private static int NextLine(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return end < 0 ? text.Length : end + 1;
    }
}
