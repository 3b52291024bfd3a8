using System.Text.RegularExpressions;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>Reads a status cue from explicit wording: a Status/State field, or phrases such as "awaiting customer", "waiting on vendor", "has been resolved".</summary>
public static partial class StatusCueParser
{
    /// <summary>The status cue stated in <paramref name="text"/> and the evidence, or null.</summary>
    public static (StatusBucket Status, string Evidence)? Parse(string text)
    {
        if (Field().SafeMatch(text) is { } field)
        {
            // A Status field decides, even when its value is one OpsHelm has no bucket for.
            var value = field.Groups["v"].Value.Trim();
            return MapValue(value) is { } mapped ? (mapped, $"status field '{value}'") : null;
        }
        // One scan for every phrase; the first phrase in the text decides.
        if (Wording().SafeMatch(text) is not { } wording)
        {
            return null;
        }
        var status = wording.Groups["customer"].Success ? StatusBucket.WaitingOnCustomer
            : wording.Groups["vendor"].Success ? StatusBucket.WaitingOnVendor
            : wording.Groups["closed"].Success ? StatusBucket.Closed
            : wording.Groups["resolved"].Success ? StatusBucket.Resolved
            : wording.Groups["blocked"].Success ? StatusBucket.Blocked
            : StatusBucket.InProgress;
        return (status, $"status wording '{wording.Value}'");
    }

    /// <summary>Maps a ticket system's status value to a bucket, or null when it names none.</summary>
    public static StatusBucket? MapValue(string value)
    {
        var v = value.ToLowerInvariant();
        if (v.Contains("customer") || v.Contains("caller") || v.Contains("user") || v.Contains("requester") || v.Contains("client"))
        {
            return v.Contains("await") || v.Contains("wait") || v.Contains("pending") || v.Contains("hold") ? StatusBucket.WaitingOnCustomer : null;
        }
        if (v.Contains("vendor") || v.Contains("supplier") || v.Contains("third party") || v.Contains("3rd party"))
        {
            return StatusBucket.WaitingOnVendor;
        }
        if (v.StartsWith("new", StringComparison.Ordinal))
        {
            return StatusBucket.New;
        }
        if (v.Contains("progress") || v.Contains("working") || v.StartsWith("open", StringComparison.Ordinal) || v.StartsWith("assigned", StringComparison.Ordinal))
        {
            return StatusBucket.InProgress;
        }
        if (v.Contains("blocked") || v.StartsWith("on hold", StringComparison.Ordinal))
        {
            return StatusBucket.Blocked;
        }
        if (v.Contains("resolved") || v.Contains("completed"))
        {
            return StatusBucket.Resolved;
        }
        if (v.Contains("closed") || v.Contains("cancel"))
        {
            return StatusBucket.Closed;
        }
        return null;
    }

    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:Status|State|Ticket Status)[ \t]*:[ \t]*(?<v>[^\n\t]{2,60})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Field();

    [GeneratedRegex(@"\b(?:(?<customer>(?:awaiting|waiting (?:on|for)|pending)(?: the)? (?:customer|caller|your (?:reply|response|confirmation)|user))|(?<vendor>(?:awaiting|waiting (?:on|for)|pending)(?: the)? (?:vendor|supplier|manufacturer|third[- ]party))|(?:has been|was|is now|is|marked(?: as)?) (?:(?<resolved>resolved)|(?<closed>closed))|(?<blocked>(?:is|are|remains?|still) blocked)|(?<progress>work in progress))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Wording();
}
