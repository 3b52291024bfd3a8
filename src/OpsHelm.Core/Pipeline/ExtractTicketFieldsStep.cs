using OpsHelm.Core.Extraction;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Step 5: ticket fields from explicit markers, asks in what we received, promises (with due dates) in what we sent.</summary>
public static class ExtractTicketFieldsStep
{
    /// <summary>Extracts from <paramref name="message"/> what its classification allows.</summary>
    public static ExtractionResult Extract(InboundMessage message, PreparedText text, WorkspaceProfile profile, Classification classification)
    {
        var evidence = new List<string>();
        TicketFields? fields = null;
        var urgent = false;
        if (classification.Ticket is { Id: { } id, System: { } system })
        {
            var stated = text.Stated;
            var customer = CustomerResolver.Resolve(message, stated, profile);
            var priority = PriorityParser.Parse(stated);
            // A reply's subject repeats what an earlier message said ("RE: INC… opened"); only a fresh subject states a status.
            var status = StatusCueParser.Parse(IsReply(text.Subject) ? text.NewText : stated);
            urgent = PriorityParser.MentionsUrgency(stated);
            AddIf(evidence, customer?.Evidence);
            AddIf(evidence, priority?.Evidence);
            AddIf(evidence, status?.Evidence);
            if (urgent)
            {
                evidence.Add("calls the matter urgent (risk flag)");
            }
            fields = new TicketFields(id, system, customer?.Customer, priority?.Priority, status?.Status);
        }

        if (classification.Category is Category.Noise or Category.Meeting)
        {
            return new ExtractionResult(fields, [], [], urgent, evidence);
        }
        var body = text.NewText.Length > 0 ? text.NewText : text.Subject;
        if (message.IsSentByUs)
        {
            var promises = PromiseDetector.Detect(body, message.SentAt, profile.TimeZone);
            evidence.AddRange(promises.Select(p => $"promise: {p.Evidence}"));
            return new ExtractionResult(fields, [], promises, urgent, evidence);
        }
        // Notifications from a ticket system report; they ask only in a caller's comments or an approval put to us.
        var fromTicketSystem = message.From is { } from && profile.TicketSystemOfSender(from) is not null;
        var asks = fromTicketSystem ? AskDetector.DetectInNotification(body) : AskDetector.Detect(body);
        evidence.AddRange(asks.Select(a => $"ask: {a.Evidence}"));
        return new ExtractionResult(fields, asks, [], urgent, evidence);
    }

    private static bool IsReply(string subject) =>
        subject.StartsWith("re:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("re ", StringComparison.OrdinalIgnoreCase)
        || subject.StartsWith("fw:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("fwd:", StringComparison.OrdinalIgnoreCase)
        || subject.StartsWith("aw:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("wg:", StringComparison.OrdinalIgnoreCase);

    private static void AddIf(List<string> evidence, string? item)
    {
        if (item is not null)
        {
            evidence.Add(item);
        }
    }
}
