using OpsHelm.Core.Tickets;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Step 6: the EmailEvent (always), the ticket observation, Tasks for asks and promises, Commitments for our promises.</summary>
public sealed class NormalizeStep(PipelineOptions options)
{
    /// <summary>The records of one message.</summary>
    public (EmailEvent Event, TicketObservation? Ticket, List<WorkTask> Tasks, List<Commitment> Commitments) Normalize(
        InboundMessage message, PreparedText text, WorkspaceProfile profile, Classification classification, ExtractionResult extraction, string runId)
    {
        var key = EventKey(message);
        var workspaceId = profile.Id;
        var ticketId = extraction.Ticket?.Id;
        var evidence = new List<string>(message.Repairs.Count + classification.Evidence.Count + extraction.Evidence.Count + 1);
        evidence.AddRange(message.Repairs);
        evidence.AddRange(classification.Evidence);
        evidence.AddRange(extraction.Evidence);
        if (ticketId is null && classification.Category == Category.Meeting && MeetingTicket(message, profile) is { } linked)
        {
            // A meeting stays a Meeting (DESIGN's precedence) but joins the thread of the ticket it names; it changes no ticket field.
            ticketId = linked.Id;
            evidence.Add($"meeting names {linked.System} ticket {linked.Id}");
        }
        var emailEvent = EventOf(message, workspaceId, runId, classification) with
        {
            Evidence = evidence,
            TicketId = ticketId,
            Excerpt = text.NewText.Length > 0 ? Clip(text.NewText, 400) : Clip(text.QuotedText.AsSpan().Trim(), 400),
        };

        TicketObservation? observation = null;
        if (extraction.Ticket is { } fields)
        {
            observation = new TicketObservation(fields.Id, fields.System, fields.Customer, fields.Priority, fields.StatusCue,
                Touch(message, profile), message.SentAt, extraction.Urgent, Clip(message.Subject, 300));
        }

        var tasks = new List<WorkTask>();
        var commitments = new List<Commitment>();
        if (extraction.Asks.Count > 0)
        {
            var sender = message.From?.Name ?? message.From?.Address ?? "the sender";
            tasks.Add(new WorkTask
            {
                Id = StableId.Of("task", workspaceId, "ask", key),
                WorkspaceId = workspaceId,
                Kind = "Ask",
                Title = Clip($"Answer {sender}: {extraction.Asks[0].Text}", 300),
                SourceEventKey = key,
                TicketId = ticketId,
                Due = message.SentAt + TimeSpan.FromHours(profile.Config.Thresholds.CustomerWaitingHours),
                CreatedAt = message.SentAt,
            });
        }
        var recipient = message.To.FirstOrDefault()?.Address;
        foreach (var promise in extraction.Promises)
        {
            var commitmentKey = StableId.Of("commitment", workspaceId, key, StableId.NormalizeText(promise.Text));
            commitments.Add(new Commitment
            {
                Key = commitmentKey,
                WorkspaceId = workspaceId,
                SourceEventKey = key,
                Text = promise.Text,
                Recipient = recipient,
                TicketId = ticketId,
                Due = promise.Due,
                ReminderAt = ReminderAt(promise.Due, message.SentAt),
                MadeAt = message.SentAt,
            });
            tasks.Add(new WorkTask
            {
                Id = StableId.Of("task", workspaceId, "promise", commitmentKey),
                WorkspaceId = workspaceId,
                Kind = "Promise",
                Title = Clip($"Keep promise to {recipient ?? "recipient"}: {promise.Text}", 300),
                SourceEventKey = key,
                TicketId = ticketId,
                Due = promise.Due,
                CreatedAt = message.SentAt,
            });
        }
        return (emailEvent, observation, tasks, commitments);
    }

    /// <summary>The EmailEvent of <paramref name="message"/> with its classification, before extraction adds to it.</summary>
    public static EmailEvent EventOf(InboundMessage message, string workspaceId, string runId, Classification classification) => new()
    {
        Key = EventKey(message),
        WorkspaceId = workspaceId,
        Channel = message.Channel.ToString(),
        ProviderMessageId = message.ProviderMessageId,
        Mailbox = message.Mailbox,
        Folder = message.Folder,
        InternetMessageId = message.InternetMessageId,
        ConversationId = message.ConversationId,
        Subject = Clip(message.Subject, 500),
        From = message.From?.Address,
        SentAt = message.SentAt,
        SentByUs = message.IsSentByUs,
        Category = classification.Category,
        Confidence = classification.Confidence,
        Evidence = classification.Evidence,
        RunId = runId,
    };

    /// <summary>The EmailEvent key of <paramref name="message"/> within its workspace.</summary>
    public static string EventKey(InboundMessage message) => EventKey(message.Channel, message.ProviderMessageId);

    /// <summary>The EmailEvent key of the message <paramref name="providerMessageId"/> of <paramref name="channel"/>.</summary>
    public static string EventKey(Channel channel, string providerMessageId) => $"{channel}:{providerMessageId}";

    private static TicketMention? MeetingTicket(InboundMessage message, WorkspaceProfile profile) =>
        profile.TicketIds.Find(message.Subject, "subject").FirstOrDefault();

    private DateTimeOffset ReminderAt(DateTimeOffset? due, DateTimeOffset madeAt)
    {
        if (due is not { } d)
        {
            return madeAt + options.UndatedCommitmentReminder;
        }
        var reminder = d - options.CommitmentReminderLead;
        return reminder > madeAt ? reminder : d;
    }

    private static TouchKind Touch(InboundMessage message, WorkspaceProfile profile)
    {
        if (message.IsSentByUs)
        {
            return TouchKind.Internal;
        }
        if (message.From is not { } from)
        {
            return TouchKind.Customer;
        }
        if (profile.TicketSystemOfSender(from) is not null)
        {
            return TouchKind.System;
        }
        return profile.IsInternal(from) ? TouchKind.Internal : TouchKind.Customer;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static string Clip(ReadOnlySpan<char> text, int max) => text.Length <= max ? text.ToString() : string.Concat(text[..max], "…");
}
