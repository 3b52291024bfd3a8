using System.Text;

namespace OpsHelm.Core.Text;

/// <summary>The short preview of a message the queue shows: its new text without the signature, on one line, bounded.</summary>
public static class MessagePreview
{
    /// <summary>The default length of a preview, in characters.</summary>
    public const int MaxChars = 300;

    /// <summary>
    /// <paramref name="newText"/> (already without quotes) cut at the signature, whitespace runs folded to one space, and
    /// clipped to <paramref name="maxChars"/> characters (an ellipsis marks the cut; a surrogate pair is never split).
    /// </summary>
    public static string Of(string? newText, int maxChars = MaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        var text = newText ?? "";
        text = text[..SignatureSplitter.SignatureStart(text)];
        var folded = new StringBuilder(Math.Min(text.Length, maxChars + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = folded.Length > 0;
                continue;
            }
            if (space)
            {
                folded.Append(' ');
                space = false;
            }
            folded.Append(c);
            if (folded.Length > maxChars)
            {
                break;
            }
        }
        if (folded.Length <= maxChars)
        {
            return folded.ToString();
        }
        var cut = maxChars - 1;
        if (char.IsHighSurrogate(folded[cut - 1]))
        {
            cut--;
        }
        return folded.ToString(0, cut) + "…";
    }
}
