using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>Reads P1–P4 from explicit markers only: ServiceNow "1 - Critical", ConnectWise "Priority 1 - Emergency Response", "P1", "Sev 2", "Severity 3". "Urgent" alone is a risk flag, not a priority.</summary>
public static partial class PriorityParser
{
    /// <summary>The priority stated in <paramref name="text"/> and the evidence, or null.</summary>
    public static (string Priority, string Evidence)? Parse(string text)
    {
        if (ServiceNow().SafeMatch(text) is { } sn)
        {
            return (Level(sn.Groups["n"].Value), $"ServiceNow priority '{sn.Value.Trim()}'");
        }
        if (ConnectWise().SafeMatch(text) is { } cw)
        {
            return (Level(cw.Groups["n"].Value), $"ConnectWise priority '{cw.Value.Trim()}'");
        }
        if (Shorthand().SafeMatch(text) is { } p)
        {
            return (Level(p.Groups["n"].Value), $"priority marker '{p.Value.Trim()}'");
        }
        return null;
    }

    /// <summary>True when the text calls something urgent (a risk flag).</summary>
    public static bool MentionsUrgency(string text) => Urgent().SafeIsMatch(text);

    // ServiceNow's 5 - Planning is the lowest level OpsHelm knows.
    private static string Level(string digit) => "P" + Math.Min(4, digit[0] - '0');

    [GeneratedRegex(@"\bPriority\s*:?\s*(?<n>[1-5])\s*-\s*(?:Critical|High|Moderate|Medium|Low|Planning)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ServiceNow();

    [GeneratedRegex(@"\bPriority\s*:?\s*(?:Priority\s*)?(?<n>[1-4])\s*-\s*(?:Emergency|Quick|Normal|Scheduled)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ConnectWise();

    [GeneratedRegex(@"\b(?:P(?<n>[1-4])|Sev(?:erity)?\s*[-:]?\s*(?<n>[1-4]))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"\burgent(?:ly)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Urgent();
}
