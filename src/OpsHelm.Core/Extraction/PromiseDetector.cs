using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>Finds commitments in what we wrote: "I'll send …", "we will have it fixed by …", with their due dates.</summary>
public static partial class PromiseDetector
{
    private const int MaxPromises = 10;

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
            if (Commitment().SafeMatch(sentence) is { } match)
            {
                var rest = sentence[match.Index..];
                promises.Add(new Promise(Clip(sentence), DueDateParser.Parse(rest, sentAt, zone)));
            }
        }
        return promises;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    // Deliverable actions only: "I'll take Saturday" agrees to something, it does not promise a deliverable.
    [GeneratedRegex(@"\b(?:I|we)(?:'ll|’ll| will| shall|'m going to| am going to|'re going to| are going to)\s+(?:(?:also|then|still|just|definitely|personally|certainly|now|first|quickly|promptly)\s+)?(?:send|have|get|update|follow|confirm|drop|add|rerun|re-run|run|review|check|call|fix|deliver|look|schedule|book|order|ship|install|replace|reset|restart|set|move|provide|share|email|e-mail|reach|report|circle|finish|complete|prepare|investigate|escalate|remote|come|visit|bring|arrange|test|patch|upgrade|configure|create|draft|write|chase|ping|contact|let|make|keep|sort|handle|post|forward|return|swap|pick|stop|touch|work|start|do|take (?:a look|care)|be (?:there|on ?site|in touch)|push|apply|migrate|image|clean|remove|enable|disable|raise|open|close|resolve|restore|rebuild|deploy|monitor|organi[sz]e)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Commitment();
}
