using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Signals;

/// <summary>Cues that a message we sent reports on work: recaps, daily/weekly summaries, status updates, shift handovers, results of work done.</summary>
public static partial class SentSummarySignals
{
    /// <summary>The summary cue in <paramref name="text"/>'s subject or opening lines, if any.</summary>
    public static Signal? Detect(PreparedText text)
    {
        if (SummaryWords().SafeMatch(text.Subject) is { } subject)
        {
            return new Signal($"sent message with report subject ('{subject.Value}')", 0.88);
        }
        var opening = text.NewText.Length > 400 ? text.NewText[..400] : text.NewText;
        if (SummaryWords().SafeMatch(opening) is { } body)
        {
            return new Signal($"sent message opening with a report ('{body.Value}')", 0.75);
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:recap|summary|wrap[- ]?up|status update|progress report|(?:shift )?hand-?over(?: notes)?|shift notes|(?:test|audit|review|check|scan|restore|health ?check) results|results of|(?:daily|weekly|monthly|quarterly|project|it|eod|end of day)\s+(?:it\s+)?(?:update|report|summary|status)|(?:this week's|today's|tonight's) (?:update|summary|report)|end of shift)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex SummaryWords();
}
