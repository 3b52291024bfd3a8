using System.Text.RegularExpressions;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tickets;

/// <summary>ServiceNow record numbers: INC, RITM, REQ, CHG, PRB, TASK and SCTASK followed by seven or more digits.</summary>
public sealed partial class ServiceNowTicketPattern : TicketPattern
{
    /// <inheritdoc />
    public override TicketSystem System => TicketSystem.ServiceNow;

    /// <inheritdoc />
    public override IEnumerable<TicketMention> Find(string text, string where)
    {
        foreach (var match in Number().SafeMatches(text))
        {
            var id = match.Value.ToUpperInvariant();
            yield return new TicketMention(id, System, match.Index, $"{where} names ServiceNow {Prefix(id)} number {id}");
        }
    }

    /// <summary>ServiceNow mail watermarks ("Ref:MSG0012345"), which tie a message to its record's thread.</summary>
    public static IEnumerable<string> Watermarks(string text)
    {
        // Most mail holds no watermark: a vectorized search for its literal skips the expression.
        if (!text.Contains("Ref:MSG", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }
        foreach (var match in Watermark().SafeMatches(text))
        {
            yield return match.Groups[1].Value.ToUpperInvariant();
        }
    }

    private static string Prefix(string id) => id[..id.AsSpan().IndexOfAnyInRange('0', '9')];

    [GeneratedRegex(@"\b(?:INC|RITM|REQ|CHG|PRB|SCTASK|TASK)\d{7,10}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Number();

    [GeneratedRegex(@"\bRef:(MSG\d{5,12})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Watermark();
}
