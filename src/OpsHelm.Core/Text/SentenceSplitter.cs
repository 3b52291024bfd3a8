namespace OpsHelm.Core.Text;

/// <summary>Splits text into sentences at line breaks and at ". ", "! ", "? " boundaries, in one pass.</summary>
public static class SentenceSplitter
{
    /// <summary>Sentences of <paramref name="text"/>, trimmed, empty ones left out, at most <paramref name="max"/>.</summary>
    public static List<string> Split(string text, int max = 400)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length && sentences.Count < max; i++)
        {
            var c = text[i];
            var end = c == '\n'
                || ((c is '.' or '!' or '?') && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !IsAbbreviation(text, i));
            if (end)
            {
                Add(sentences, text, start, c == '\n' ? i : i + 1);
                start = i + 1;
            }
        }
        if (start < text.Length && sentences.Count < max)
        {
            Add(sentences, text, start, text.Length);
        }
        return sentences;
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        var sentence = text.AsSpan(start, end - start).Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence.ToString());
        }
    }

    // "a.m." / "p.m." and month abbreviations do not end a sentence.
    private static bool IsAbbreviation(string text, int dot)
    {
        if (text[dot] != '.')
        {
            return false;
        }
        var wordStart = dot;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]) || (wordStart > 0 && text[wordStart - 1] == '.'))
        {
            wordStart--;
        }
        var word = text.AsSpan(wordStart, dot - wordStart);
        return word is "a.m" or "p.m" or "A.M" or "P.M" or "Jan" or "Feb" or "Mar" or "Apr" or "Jun" or "Jul"
            or "Aug" or "Sep" or "Sept" or "Oct" or "Nov" or "Dec" or "e.g" or "i.e" or "etc" or "approx";
    }
}
