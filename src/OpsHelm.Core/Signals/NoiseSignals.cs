using System.Text.RegularExpressions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Text;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Signals;

/// <summary>Noise cues: the decisive ones checked first (blocklist, spam verdicts, bounces, auto-replies) and the soft ones checked last (bulk, marketing, automated).</summary>
public static partial class NoiseSignals
{
    /// <summary>Step 1 of the precedence: blocklisted sender, spam verdict, bounce, auto-reply.</summary>
    public static Signal? Decisive(InboundMessage message, WorkspaceProfile profile)
    {
        if (message.From is { } from && profile.BlockReason(from) is { } blocked)
        {
            return new Signal(blocked, 0.99);
        }
        if (SpamVerdict(message) is { } spam)
        {
            return new Signal(spam, 0.97);
        }
        if (Bounce(message, profile) is { } bounce)
        {
            return new Signal(bounce, 0.97);
        }
        return AutoReply(message);
    }

    /// <summary>Step 6 of the precedence: bulk mail, newsletters, marketing senders and automated notifications.</summary>
    public static Signal? Soft(InboundMessage message)
    {
        var precedence = message.Header("Precedence")?.Trim().ToLowerInvariant();
        var unsubscribe = message.Header("List-Unsubscribe") is not null;
        if (unsubscribe && precedence is "bulk" or "list" or "junk")
        {
            return new Signal($"List-Unsubscribe with Precedence: {precedence} (bulk mail)", 0.95);
        }
        if (precedence is "bulk" or "junk")
        {
            return new Signal($"Precedence: {precedence}", 0.9);
        }
        if (unsubscribe || message.Header("List-Id") is not null)
        {
            return new Signal("mailing-list headers (List-Unsubscribe / List-Id)", 0.85);
        }
        var local = LocalPart(message.From);
        if (local.Length > 0 && MarketingSender().SafeIsMatch(local))
        {
            return new Signal($"marketing sender '{local}@'", 0.8);
        }
        var autoSubmitted = message.Header("Auto-Submitted")?.Trim();
        if (autoSubmitted is not null && !autoSubmitted.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return new Signal($"automated notification (Auto-Submitted: {autoSubmitted})", 0.9);
        }
        if (local.Length > 0 && NoReplySender().SafeIsMatch(local))
        {
            return new Signal($"automated sender '{local}@'", 0.85);
        }
        return null;
    }

    private static string? SpamVerdict(InboundMessage message)
    {
        if (message.Header("X-Spam-Flag")?.Trim().StartsWith("yes", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "spam verdict header X-Spam-Flag: YES";
        }
        if (message.Header("X-Spam-Status")?.TrimStart().StartsWith("yes", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "spam verdict header X-Spam-Status: Yes";
        }
        if (int.TryParse(message.Header("X-MS-Exchange-Organization-SCL")?.Trim(), out var scl) && scl >= 5)
        {
            return $"Exchange spam confidence level {scl}";
        }
        var report = message.Header("X-Forefront-Antispam-Report");
        if (report is not null && report.Contains("SFV:SPM", StringComparison.OrdinalIgnoreCase))
        {
            return "Exchange anti-spam verdict SFV:SPM";
        }
        return null;
    }

    private static string? Bounce(InboundMessage message, WorkspaceProfile profile)
    {
        if (message.DeliveryReport is { Recipients.Count: > 0 } report)
        {
            return DeliveryReportEvidence(message, report, profile);
        }
        var contentType = message.Header("Content-Type");
        if (contentType is not null && contentType.Contains("report-type=delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return "delivery status report (multipart/report; report-type=delivery-status)";
        }
        var local = LocalPart(message.From);
        if (local is "mailer-daemon" or "postmaster")
        {
            return $"bounce from {local}";
        }
        if (BounceSubject().SafeIsMatch(message.Subject))
        {
            return "bounce subject";
        }
        return null;
    }

    // Names who could not be reached and why, and whether the returned message was one of ours (so the thread it joins is known).
    private static string DeliveryReportEvidence(InboundMessage message, DeliveryReport report, WorkspaceProfile profile)
    {
        var recipients = string.Join(", ", report.Recipients.Take(5).Select(r => $"{r.Address} {(r.Action.Length > 0 ? r.Action : "reported")} (status {(r.Status.Length > 0 ? r.Status : "unknown")})"));
        var ours = report.OriginalFrom is { } from
            && (profile.IsInternal(from) || (message.Mailbox.Length > 0 && from.Address.Equals(message.Mailbox, StringComparison.OrdinalIgnoreCase)));
        var original = report.OriginalMessageId is { } id ? (ours ? $"; bounce of our message {id}" : $"; returned message {id}") : "";
        return $"delivery status report: {recipients}{original}";
    }

    private static Signal? AutoReply(InboundMessage message)
    {
        var autoSubmitted = message.Header("Auto-Submitted")?.Trim();
        if (autoSubmitted is not null && autoSubmitted.StartsWith("auto-replied", StringComparison.OrdinalIgnoreCase))
        {
            return new Signal("auto-reply (Auto-Submitted: auto-replied)", 0.95);
        }
        if (AutoReplySubject().SafeIsMatch(message.Subject))
        {
            return new Signal("auto-reply subject", 0.9);
        }
        if (message.Header("X-Auto-Response-Suppress") is not null && message.Header("X-Autoreply") is not null)
        {
            return new Signal("auto-reply headers (X-Autoreply)", 0.9);
        }
        return null;
    }

    private static string LocalPart(Participant? participant)
    {
        if (participant is null)
        {
            return "";
        }
        var at = participant.Address.IndexOf('@');
        return at <= 0 ? "" : participant.Address[..at].Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"^(?:Automatic reply|Auto(?:matic)?[- ]?reply|Autoreply|Out of (?:the )?Office|OOO)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex AutoReplySubject();

    [GeneratedRegex(@"^(?:Undeliverable|Undelivered Mail|Delivery Status Notification|Mail delivery failed|Returned mail|Delivery has failed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex BounceSubject();

    [GeneratedRegex(@"^(?:marketing|news|newsletters?|promo(?:tions?)?|offers|deals|sales|campaigns?|mailer|info-?mail)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex MarketingSender();

    [GeneratedRegex(@"(?:^|[-_.])(?:no-?reply|do-?not-?reply|donotreply|notifications?|alerts?|automated)(?:$|[-_.])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex NoReplySender();
}
