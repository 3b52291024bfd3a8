namespace OpsHelm.Core.Text;

/// <summary>Finds where a sign-off or signature begins in a message's new text ("-- ", "Best regards,", "Sent from my iPhone").</summary>
public static class SignatureSplitter
{
    // Sign-off lines: short, alone on their line, and never the first line (a message that is only "Thanks!" keeps it).
    private static readonly string[] SignOffs =
    [
        "best regards", "kind regards", "warm regards", "regards", "best", "cheers", "thanks", "thank you", "many thanks",
        "thanks and regards", "sincerely", "br", "mit freundlichen grüßen", "viele grüße", "cordialement", "saludos",
    ];

    private const int MaxSignOffChars = 40;

    /// <summary>The index where the signature begins, or the text's length when there is none. Linear in the text.</summary>
    public static int SignatureStart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seenText = false;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var lineEnd = end < 0 ? text.Length : end;
            var line = text.AsSpan(start, lineEnd - start).TrimEnd('\r');
            var trimmed = line.Trim();
            if (line is "--" or "-- " || trimmed.StartsWith("Sent from my ", StringComparison.OrdinalIgnoreCase)
                || trimmed.StartsWith("Get Outlook for ", StringComparison.OrdinalIgnoreCase))
            {
                return start;
            }
            if (seenText && IsSignOff(trimmed))
            {
                return start;
            }
            seenText |= trimmed.Length > 0;
            start = end < 0 ? text.Length : end + 1;
        }
        return text.Length;
    }

    private static bool IsSignOff(ReadOnlySpan<char> line)
    {
        if (line.Length == 0 || line.Length > MaxSignOffChars)
        {
            return false;
        }
        var words = line.TrimEnd(",.!-– ");
        foreach (var signOff in SignOffs)
        {
            if (words.Equals(signOff, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
