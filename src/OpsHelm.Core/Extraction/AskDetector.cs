using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>Finds requests and questions in what the sender wrote: questions, "can/could/would you …", "please send/confirm …".</summary>
public static partial class AskDetector
{
    private const int MaxAsks = 10;

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
            var isQuestion = sentence.EndsWith('?') && WordCount(sentence) >= 3;
            if (isQuestion || Request().SafeIsMatch(sentence))
            {
                asks.Add(new Ask(Clip(sentence)));
            }
        }
        return asks;
    }

    private static int WordCount(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\b(?:(?:can|could|would|will) (?:you|someone|somebody|we)\b|would it be possible\b|is there any way\b|need you to\b|let (?:me|us) know\b|please (?:send|confirm|advise|call|check|update|review|help|reply|provide|share|fix|look|arrange|schedule|reset|add|remove|install|order|get)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Request();
}
