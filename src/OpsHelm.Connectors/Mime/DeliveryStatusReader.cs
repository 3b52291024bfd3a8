using MimeKit;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Mime;

/// <summary>
/// Reads an RFC 3464 delivery status report (<c>multipart/report; report-type=delivery-status</c>): each recipient's
/// Final-Recipient, Action, Status and Diagnostic-Code from the <c>message/delivery-status</c> part, and the returned
/// message's Message-ID, sender and thread from its <c>message/rfc822</c> or <c>text/rfc822-headers</c> part.
/// </summary>
internal static class DeliveryStatusReader
{
    private const int MaxRecipients = 100;
    private const int MaxDiagnosticChars = 500;

    /// <summary>The report of <paramref name="report"/> and the returned message's headers; null when it has no readable status part.</summary>
    public static (DeliveryReport Report, MimeMessage? Original)? Read(MultipartReport report, int maxBytes)
    {
        if (!string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status?.Content?.Stream is not { } stream || (stream.CanSeek && stream.Length > maxBytes))
        {
            return null;
        }
        var recipients = new List<DeliveryRecipient>();
        // The first group holds per-message fields; every following group is one recipient.
        foreach (var group in status.StatusGroups.Skip(1).Take(MaxRecipients))
        {
            var address = AfterType(group["Final-Recipient"]) ?? AfterType(group["Original-Recipient"]);
            if (string.IsNullOrWhiteSpace(address))
            {
                continue;
            }
            var diagnostic = AfterType(group["Diagnostic-Code"]);
            if (diagnostic is { Length: > MaxDiagnosticChars })
            {
                diagnostic = diagnostic[..MaxDiagnosticChars];
            }
            recipients.Add(new DeliveryRecipient(address.Trim('<', '>', ' '), (group["Action"] ?? "").Trim().ToLowerInvariant(), (group["Status"] ?? "").Trim(), diagnostic));
        }
        var original = report.OfType<MessagePart>().FirstOrDefault()?.Message;
        var from = original?.From.Mailboxes.FirstOrDefault();
        return (new DeliveryReport
        {
            OriginalMessageId = string.IsNullOrEmpty(original?.MessageId) ? null : $"<{original.MessageId}>",
            OriginalFrom = from is null ? null : new Participant(from.Address, string.IsNullOrEmpty(from.Name) ? null : from.Name),
            Recipients = recipients,
        }, original);
    }

    // "rfc822; someone@example.com" and "smtp; 550 5.1.1 …": the value after the type.
    private static string? AfterType(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var semicolon = value.IndexOf(';');
        return (semicolon < 0 ? value : value[(semicolon + 1)..]).Trim();
    }
}
