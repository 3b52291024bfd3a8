using System.Buffers;
using System.Text.RegularExpressions;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>
/// Reads a status cue from explicit wording: a Status/State field (refined by an "On hold reason" field), or phrases
/// such as "awaiting customer", "waiting on vendor", "has been resolved", "state changed to …", "set it to …",
/// "has been opened".
/// </summary>
public static partial class StatusCueParser
{
    // Every phrase of the wording expression holds one of these words; a text with none of them is not scanned for it.
    private static readonly SearchValues<string> WordingWords = SearchValues.Create(
        ["await", "waiting", "pending", "state", "status", "resolved", "closed", "complete", "hold", "progress", "blocked", "opened", "logged",
            "raised", "created", "new case", "new incident", "new ticket", "new service request"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>The status cue stated in <paramref name="text"/> and the evidence, or null.</summary>
    public static (StatusBucket Status, string Evidence)? Parse(string text)
    {
        if (Field().SafeMatch(text) is { } field)
        {
            // A Status field decides, even when its value is one OpsHelm has no bucket for.
            var value = field.Groups["v"].Value.Trim();
            if (MapValue(value) is not { } mapped)
            {
                return null;
            }
            // "State: On Hold" says why in its own field: "On hold reason: Awaiting Caller" is waiting on the customer.
            if (mapped == StatusBucket.Blocked && HoldReason().SafeMatch(text) is { } reason
                && MapValue(reason.Groups["v"].Value.Trim()) is { } refined && refined != StatusBucket.InProgress)
            {
                return (refined, $"status field '{value}' with hold reason '{reason.Groups["v"].Value.Trim()}'");
            }
            return (mapped, $"status field '{value}'");
        }
        // One scan for every phrase; the first phrase in the text decides.
        if (!text.AsSpan().ContainsAny(WordingWords) || Wording().SafeMatch(text) is not { } wording)
        {
            return null;
        }
        if (wording.Groups["to"].Success)
        {
            return MapValue(wording.Groups["to"].Value) is { } changed ? (changed, $"status wording '{wording.Value}'") : null;
        }
        var status = wording.Groups["customer"].Success ? StatusBucket.WaitingOnCustomer
            : wording.Groups["vendor"].Success ? StatusBucket.WaitingOnVendor
            : wording.Groups["closed"].Success ? StatusBucket.Closed
            : wording.Groups["resolved"].Success ? StatusBucket.Resolved
            : wording.Groups["blocked"].Success ? StatusBucket.Blocked
            : wording.Groups["new"].Success ? StatusBucket.New
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
        if (v.Contains("blocked") || v.StartsWith("on hold", StringComparison.Ordinal) || v.StartsWith("hold", StringComparison.Ordinal)
            || v.StartsWith("awaiting change", StringComparison.Ordinal))
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

    [GeneratedRegex(@"^[ \t]*(?:Status|State|Ticket Status|Incident State)[ \t]*:[ \t]*(?<v>[^\n\t]{2,60})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Field();

    [GeneratedRegex(@"^[ \t]*(?:On[ -]hold reason|Hold reason|Pending reason)[ \t]*:[ \t]*(?<v>[^\n\t]{2,60})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex HoldReason();

    [GeneratedRegex(
        @"\b(?:(?<customer>(?:awaiting|waiting (?:on|for)|pending)(?: the)? (?:customer|caller|your (?:reply|response|confirmation)|user))" +
        @"|(?<vendor>(?:awaiting|waiting (?:on|for)|pending)(?: the)? (?:vendor|supplier|manufacturer|third[- ]party))" +
        @"|(?:state|status) (?:has )?(?:changed|moved|been (?:changed|set)) to:? (?<to>[a-z][a-z -]{1,30}?)(?=$|[\n.,;!]| by | for | and | - )" +
        @"|(?:set|moved|changed|marked) (?:it|this|the (?:ticket|case|incident|call))(?: status)? (?:to|as) (?<to>resolved|closed|complete|completed|on hold|in progress|waiting (?:on )?(?:customer|vendor))" +
        @"|(?:has been|was|is now|is|marked(?: as)?|now) (?:(?<resolved>resolved)|(?<closed>closed))(?! (?:for|until|over|on|at|to|due|from|between)\b)" +
        @"|(?<blocked>(?:is|are|remains?|still) blocked|has been placed on hold)" +
        @"|(?<new>(?:has been|was|been) (?:opened|logged|raised|created)|^(?:new (?:case|incident|ticket|service request)\b|(?:incident|case|ticket|service request) [a-z]{0,6}\d{4,12}:? (?:opened|created|logged)\b)|\d{4,12} opened\b)" +
        @"|(?<progress>work in progress))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Wording();
}
