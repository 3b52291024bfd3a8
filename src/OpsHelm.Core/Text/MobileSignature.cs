using System.Text.RegularExpressions;

namespace OpsHelm.Core.Text;

/// <summary>The lines a phone's mail app adds on its own ("Sent from my iPhone", "Get Outlook for Android"): no one wrote them.</summary>
public static partial class MobileSignature
{
    /// <summary>True when <paramref name="text"/> is empty or holds nothing but such lines.</summary>
    public static bool IsAllSignature(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !Line().SafeIsMatch(trimmed))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^(?:Sent from (?:my )?(?:iPhone|iPad|Android|Samsung[^\n]{0,40}|mobile|phone|Galaxy[^\n]{0,40}|BlackBerry[^\n]{0,40}|Outlook for (?:iOS|Android)|Mail for Windows[^\n]{0,20}|Yahoo Mail[^\n]{0,40})|Get Outlook for (?:iOS|Android))\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Line();
}
