using System.Buffers;
using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>
/// Finds commitments in what we wrote: "I'll send …", "we will have it fixed by …", "I'm going to call …", with their
/// due dates. Any action we say we will take counts, except the few verbs that state no deliverable ("I'll need …",
/// "I'll be away …", "I'll leave it with you"). The due date is read from the promise's own clause: after the action
/// first, else before it ("On Monday I'll …").
/// </summary>
public static partial class PromiseDetector
{
    private const int MaxPromises = 10;

    // Every wording of the commitment expression holds one of these (as written in ASCII); most sentences hold none and are not scanned.
    private static readonly SearchValues<string> CommitmentWords = SearchValues.Create(
        ["'ll", "’ll", " will", " shall", "going to"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The promises in <paramref name="newText"/>, with due dates read relative to <paramref name="sentAt"/> in <paramref name="zone"/>.</summary>
    public static List<Promise> Detect(string newText, DateTimeOffset sentAt, TimeZoneInfo zone)
    {
        var promises = new List<Promise>();
        foreach (var sentence in SentenceSplitter.Split(newText))
        {
            if (promises.Count == MaxPromises)
            {
                break;
            }
            if (First(sentence) is not { } commitment)
            {
                continue;
            }
            var (start, end) = ClauseAround(sentence, commitment.Index);
            var due = DueDateReader.Read(sentence[commitment.Index..end], sentAt, zone)
                ?? DueDateReader.Read(sentence[start..commitment.Index], sentAt, zone);
            var evidence = $"commitment wording '{commitment.Value}'" + (due is { } d ? $", {d.Evidence}" : ", no due date stated");
            promises.Add(new Promise(Clip(sentence), due?.Due, evidence));
        }
        return promises;
    }

    private static Match? First(string sentence)
    {
        if (!sentence.AsSpan().ContainsAny(CommitmentWords))
        {
            return null;
        }
        foreach (var match in Commitment().SafeMatches(sentence))
        {
            if (!NoDeliverable().SafeIsMatch(match.Groups["action"].Value))
            {
                return match;
            }
        }
        return null;
    }

    // Clauses end at a dash between spaces or a semicolon: "I'll connect at 2pm - I'm placing the order now".
    private static (int Start, int End) ClauseAround(string sentence, int index)
    {
        var start = 0;
        var end = sentence.Length;
        for (var i = 0; i < sentence.Length; i++)
        {
            var boundary = sentence[i] == ';'
                || (sentence[i] is '-' or '–' or '—' && i > 0 && i + 1 < sentence.Length && sentence[i - 1] == ' ' && sentence[i + 1] == ' ');
            if (!boundary)
            {
                continue;
            }
            if (i < index)
            {
                start = i + 1;
            }
            else
            {
                end = i;
                break;
            }
        }
        return (start, end);
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\b(?:I|we)(?:'ll|’ll| will| shall|'m going to|’m going to| am going to|'re going to|’re going to| are going to)\s+(?:(?:also|then|still|just|definitely|personally|certainly|now|first|quickly|promptly|aim to|try to|make sure to|happily|gladly)\s+)?(?<action>[a-z]+(?:[ -][a-z']+){0,2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Commitment();

    // "I'll take Saturday" agrees to something and "I'll need the password" asks for it: neither promises a deliverable.
    [GeneratedRegex(@"^(?:need|needs|have to|assume|leave|wait|miss|hope|bet|admit|say|probably|possibly|maybe|not|never|take (?!a look|care|ownership|it|this|that)[a-z]+|take$|be (?!there|on|onsite|in|with|back|available|ready|able|calling|sending|checking|in touch|round|over|along|at)[a-z]+|be$|see (?:you|if|what|whether|how)|see$|let (?!you|them|him|her|the|everyone)[a-z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex NoDeliverable();
}
