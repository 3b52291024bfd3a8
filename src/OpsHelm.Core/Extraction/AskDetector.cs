using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>
/// Finds requests and questions in what the sender wrote: questions, "can/could/would you …", "please &lt;verb&gt; …",
/// "let me know whether …". Courtesy lines ("let me know if you need anything else"), notification boilerplate
/// ("reply to this email") and form phrases ("please find attached") are not asks.
/// </summary>
public static partial class AskDetector
{
    private const int MaxAsks = 10;
    private const int MaxSectionLines = 30;

    /// <summary>The asks in <paramref name="newText"/>.</summary>
    public static List<Ask> Detect(string newText)
    {
        var asks = new List<Ask>();
        foreach (var sentence in SentenceSplitter.Split(newText))
        {
            if (asks.Count == MaxAsks)
            {
                break;
            }
            if (Of(sentence) is { } ask)
            {
                asks.Add(ask);
            }
        }
        return asks;
    }

    /// <summary>
    /// The asks in a ticket system's notification: an approval requested from a person by name, and requests in the comments
    /// a caller added (the rest of a notification reports; it does not ask).
    /// </summary>
    public static List<Ask> DetectInNotification(string newText)
    {
        var asks = new List<Ask>();
        // Every wording of an approval request holds "approv" or "authori"; most notifications hold neither.
        if ((newText.Contains("approv", StringComparison.Ordinal) || newText.Contains("authori", StringComparison.Ordinal))
            && ApprovalRequested().SafeMatch(newText) is { } approval)
        {
            asks.Add(new Ask(Clip(LineAround(newText, approval.Index)), $"approval requested from us by name ('{approval.Value.Trim()}')"));
        }
        foreach (var section in CommentSections(newText))
        {
            foreach (var ask in Detect(section))
            {
                if (asks.Count == MaxAsks)
                {
                    return asks;
                }
                asks.Add(ask with { Evidence = ask.Evidence + " in the notification's comments" });
            }
        }
        return asks;
    }

    private static Ask? Of(string sentence)
    {
        string? evidence = null;
        if (Request().SafeMatch(sentence) is { } request)
        {
            evidence = $"request wording '{request.Value}'";
        }
        else if (sentence.EndsWith('?') && WordCount(sentence) >= 3)
        {
            evidence = "question mark";
        }
        // Only a sentence that reads as an ask is checked for courtesy and boilerplate.
        return evidence is null || NotAnAsk().SafeIsMatch(sentence) ? null : new Ask(Clip(sentence), evidence);
    }

    // The lines under an "Additional comments" heading, up to a blank line or the notification's footer.
    private static IEnumerable<string> CommentSections(string text)
    {
        foreach (var heading in CommentHeading().SafeMatches(text))
        {
            var start = text.IndexOf('\n', heading.Index + heading.Length - 1);
            if (start < 0)
            {
                continue;
            }
            var lines = new List<string>();
            for (var from = start + 1; lines.Count < MaxSectionLines && from <= text.Length;)
            {
                var end = text.IndexOf('\n', from);
                var trimmed = text.AsSpan(from, (end < 0 ? text.Length : end) - from).Trim().ToString();
                if (trimmed.Length == 0 || SectionEnd().SafeIsMatch(trimmed))
                {
                    break;
                }
                lines.Add(trimmed);
                from = end < 0 ? text.Length + 1 : end + 1;
            }
            yield return string.Join('\n', lines);
        }
    }

    private static string LineAround(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)].Trim();
    }

    private static int WordCount(string sentence)
    {
        var words = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (sentence[i] != ' ' && (i == 0 || sentence[i - 1] == ' '))
            {
                words++;
            }
        }
        return words;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\b(?:(?:can|could|would|will) (?:you|someone|somebody|anyone|we)\b|would it be possible\b|is (?:it|there any way) possible\b|is there any way\b|are you able to\b|would you mind\b|(?:i|we) (?:need|would like) you to\b|need you to\b|let (?:me|us) know (?:whether|if|when|what|which|how|by)\b|kindly (?!note)[a-z]+|\bplease (?!note|find|see|ignore|disregard|be advised|be aware|do not|don't|accept|excuse|forgive)[a-z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Request();

    [GeneratedRegex(@"\b(?:let (?:me|us) know if (?:you )?(?:need|have|want|require) (?:anything|any)|if you (?:need|have) any(?:thing)? (?:else|further|more|other)|(?:reply|respond) (?:to|above) this (?:e-?mail|message|line)|do not reply|don't hesitate|do not hesitate|feel free to)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex NotAnAsk();

    // Addressed to a person by name ("Dana Cole, your approval is requested"); "CHG… requires your approval" goes to a whole group.
    [GeneratedRegex(@"^[ \t]*(?:(?:Hi|Hello|Dear)[ \t]+)?\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,3},[ \t]+(?:your approval is (?:requested|required|needed)|please (?:approve|review and approve|authori[sz]e))\b", RegexOptions.CultureInvariant | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ApprovalRequested();

    [GeneratedRegex(@"^[ \t]*(?:Additional comments|Customer comments|Caller comments|Comments added|New comment|Comment)\b[^\n]{0,80}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex CommentHeading();

    [GeneratedRegex(@"^(?:Click here|Work notes|Thank you|Ref:MSG|You are receiving|To (?:add a note|unsubscribe|view)|Reply |View |Number:|Status:|State:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex SectionEnd();
}
