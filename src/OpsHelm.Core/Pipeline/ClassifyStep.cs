using OpsHelm.Core.Signals;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Step 4: classification in DESIGN's precedence, first match wins, every step leaving evidence.</summary>
public static class ClassifyStep
{
    /// <summary>Classifies <paramref name="message"/>.</summary>
    public static Classification Classify(InboundMessage message, PreparedText text, WorkspaceProfile profile, ThreadTicket? thread)
    {
        var evidence = new List<string>();
        if (text.Truncated)
        {
            evidence.Add("body exceeded the size limit and was truncated");
        }
        if (NoiseSignals.Decisive(message, profile) is { } noise)
        {
            return Decide(Category.Noise, noise, evidence);
        }
        if (MeetingSignals.Detect(message) is { } meeting)
        {
            return Decide(Category.Meeting, meeting, evidence);
        }
        if (TicketResolver.Resolve(message, text, profile, thread) is { } ticket)
        {
            evidence.AddRange(ticket.Evidence);
            return new Classification(Category.Ticket, ticket.Confidence, evidence, ticket);
        }
        if (message.IsSentByUs && SentSummarySignals.Detect(text) is { } summary)
        {
            return Decide(Category.SentSummary, summary, evidence);
        }
        if (AllInternal(message, profile) is { } internalOnly)
        {
            return Decide(Category.Internal, internalOnly, evidence);
        }
        if (NoiseSignals.Soft(message, text) is { } bulk)
        {
            return Decide(Category.Noise, bulk, evidence);
        }
        if (text.Subject.Length == 0 && MobileSignature.IsAllSignature(text.NewText))
        {
            // A photo "Sent from my iPhone" with no subject says nothing a rule can read.
            var what = message.Attachments.Count == 0 ? "no subject, text or attachment to classify" : "no subject or text, only attachments, to classify";
            return Decide(Category.Other, new Signal(what, 0.5), evidence);
        }
        return Decide(Category.Other, new Signal("no rule matched", 0.75), evidence);
    }

    private static Signal? AllInternal(InboundMessage message, WorkspaceProfile profile)
    {
        var any = false;
        foreach (var participant in message.Participants)
        {
            if (!profile.IsInternal(participant))
            {
                return null;
            }
            any = true;
        }
        return any ? new Signal("every participant is in the workspace's internal domains", 0.9) : null;
    }

    private static Classification Decide(Category category, Signal signal, List<string> evidence)
    {
        evidence.Add(signal.Evidence);
        return new Classification(category, signal.Confidence, evidence, null);
    }
}
