using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Step 7: the exceptions a message raises, each with a deterministic id so a re-run records it once.</summary>
public static class RecordExceptionsStep
{
    /// <summary>Exceptions for <paramref name="emailEvent"/>.</summary>
    public static List<ExceptionRecord> Collect(
        EmailEvent emailEvent, WorkspaceProfile profile, Classification classification, IEnumerable<string> rejectedAttachments, DateTimeOffset now)
    {
        var exceptions = new List<ExceptionRecord>();
        if (classification.Ticket is { } ticket)
        {
            if (ticket.MissingId)
            {
                exceptions.Add(Create(emailEvent, ExceptionReason.MissingTicketId, ticket.Evidence[0], now));
            }
            else if (ticket.Conflict is { } conflict)
            {
                exceptions.Add(Create(emailEvent, ExceptionReason.ConflictingSignals, conflict, now));
            }
        }
        var threshold = profile.Config.Thresholds.ClassificationConfidence;
        if (classification.Confidence < threshold)
        {
            exceptions.Add(Create(emailEvent, ExceptionReason.LowConfidence,
                $"{classification.Category} at confidence {classification.Confidence:0.00}, below the workspace threshold {threshold:0.00}: {classification.Evidence[^1]}", now));
        }
        var index = 0;
        foreach (var rejection in rejectedAttachments)
        {
            exceptions.Add(Create(emailEvent, ExceptionReason.AttachmentRejected, rejection, now, index++.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return exceptions;
    }

    /// <summary>An exception for <paramref name="emailEvent"/>.</summary>
    public static ExceptionRecord Create(EmailEvent emailEvent, ExceptionReason reason, string details, DateTimeOffset now, string? discriminator = null) => new()
    {
        Id = StableId.Of("exception", emailEvent.WorkspaceId, emailEvent.Key, reason.ToString(), discriminator),
        WorkspaceId = emailEvent.WorkspaceId,
        EventKey = emailEvent.Key,
        MessageId = emailEvent.ProviderMessageId,
        Reason = reason,
        Details = details,
        CreatedAt = now,
        RunId = emailEvent.RunId,
    };
}
