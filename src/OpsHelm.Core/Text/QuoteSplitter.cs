namespace OpsHelm.Core.Text;

/// <summary>Finds where quoted or forwarded text begins in a plain-text body (Outlook, Gmail and ">" styles).</summary>
public static class QuoteSplitter
{
    /// <summary>The index where the quote begins, or the text's length when there is none. Linear in the text.</summary>
    public static int QuoteStart(string text)
    {
        var lines = LineStarts(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = LineAt(text, lines, i).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (IsSeparator(line) || line.StartsWith('>'))
            {
                return lines[i];
            }
            if (line.StartsWith("On ", StringComparison.Ordinal) && line.EndsWith("wrote:", StringComparison.Ordinal))
            {
                return lines[i];
            }
            if (line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) && HeaderBlockFollows(text, lines, i))
            {
                return lines[i];
            }
        }
        return text.Length;
    }

    private static bool IsSeparator(string line) =>
        (line.Length >= 10 && line.All(c => c == '_'))
        || line.Contains("Original Message", StringComparison.OrdinalIgnoreCase) && line.StartsWith("---", StringComparison.Ordinal)
        || line.Contains("Forwarded message", StringComparison.OrdinalIgnoreCase) && line.StartsWith("---", StringComparison.Ordinal);

    private static bool HeaderBlockFollows(string text, List<int> lines, int from)
    {
        for (var j = from + 1; j < lines.Count && j <= from + 4; j++)
        {
            var line = LineAt(text, lines, j).TrimStart();
            if (line.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }

    private static string LineAt(string text, List<int> starts, int index)
    {
        var start = starts[index];
        var end = index + 1 < starts.Count ? starts[index + 1] - 1 : text.Length;
        return text[start..Math.Max(start, end)];
    }
}
