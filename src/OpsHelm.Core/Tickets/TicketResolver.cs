using System.Text.RegularExpressions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Text;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tickets;

/// <summary>
/// Decides the ticket of a message: ids the message states (subject, then new text) first, then the thread's ticket,
/// then ids in quoted or forwarded text; ticket-like traffic without any id is still ticket traffic.
/// </summary>
public static partial class TicketResolver
{
    /// <summary>The decision for <paramref name="message"/>, or null when it is not ticket traffic.</summary>
    public static TicketDecision? Resolve(InboundMessage message, PreparedText text, WorkspaceProfile profile, ThreadTicket? thread)
    {
        var finder = profile.TicketIds;
        var sentBy = message.From is { } sender ? profile.TicketSystemOfSender(sender) : null;
        var inSubject = Find(finder, text.Subject, "subject", sentBy);
        var inBody = Find(finder, text.NewText, "body", sentBy);

        if (inSubject.Count >= 2)
        {
            var first = inSubject[0];
            var conflict = $"subject names {string.Join(" and ", inSubject.Select(m => m.Id))}; kept the first, {first.Id}";
            return new TicketDecision(first.Id, first.System, 0.85, [first.Evidence, conflict], conflict);
        }
        if (inSubject.Count == 1)
        {
            var subject = inSubject[0];
            var others = inBody.Where(m => !Same(m.Id, subject.Id)).ToList();
            if (others.Count == 0)
            {
                return new TicketDecision(subject.Id, subject.System, 0.95, [subject.Evidence]);
            }
            if (thread is not null && (Same(thread.Id, subject.Id) || others.Exists(m => Same(m.Id, thread.Id))))
            {
                return new TicketDecision(thread.Id, thread.System, 0.9,
                    [subject.Evidence, others[0].Evidence, $"the conversation belongs to {thread.Id}, which decides"]);
            }
            var conflict = $"subject names {subject.Id} but the body names {string.Join(", ", others.Select(m => m.Id))}; kept {subject.Id}";
            return new TicketDecision(subject.Id, subject.System, 0.85, [subject.Evidence, conflict], conflict);
        }
        if (inBody.Count > 0)
        {
            if (thread is not null)
            {
                var evidence = inBody.Exists(m => Same(m.Id, thread.Id))
                    ? $"body names {thread.Id}, the conversation's ticket"
                    : $"reply in the conversation of {thread.Id} (body also mentions {inBody[0].Id})";
                return new TicketDecision(thread.Id, thread.System, 0.9, [evidence], Inherited: !inBody.Exists(m => Same(m.Id, thread.Id)));
            }
            var first = inBody[0];
            var notes = inBody.Count > 1 ? new[] { first.Evidence, $"body also mentions {string.Join(", ", inBody.Skip(1).Select(m => m.Id))}" } : [first.Evidence];
            return new TicketDecision(first.Id, first.System, 0.92, notes);
        }
        if (thread is not null)
        {
            return new TicketDecision(thread.Id, thread.System, 0.9, [$"reply in the conversation of ticket {thread.Id}"], Inherited: true);
        }
        var quoted = Find(finder, text.QuotedText, "quoted text", sentBy);
        if (quoted.Count > 0)
        {
            return new TicketDecision(quoted[0].Id, quoted[0].System, 0.82, [quoted[0].Evidence + " (forwarded or quoted)"]);
        }
        if (message.From is { } from && profile.TicketSystemOfSender(from) is { } system)
        {
            return new TicketDecision(null, null, 0.85, [$"sent by {system} notification sender {from.Address.ToLowerInvariant()} but names no ticket id"]);
        }
        if ((TicketWording().SafeMatch(text.Stated) ?? TicketAction().SafeMatch(text.Stated)) is { } wording)
        {
            return new TicketDecision(null, null, 0.75, [$"ticket wording '{Clip(wording.Value)}' but no ticket id"]);
        }
        return null;
    }

    // A form other help desks also use counts only when the system's own configured sender sent it.
    private static List<TicketMention> Find(TicketIdFinder finder, string text, string where, Records.TicketSystem? sentBy)
    {
        var found = finder.Find(text, where);
        found.RemoveAll(m => m.RequiresTicketSender && m.System != sentBy);
        return found;
    }

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex(@"\b(?:incident|case|ticket|service request)\b[^.?!\n]{0,60}?\b(?:updated|assigned|resolved|closed|created|opened|escalated|reopened)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex TicketWording();

    // "I've assigned the ticket for …", "logged a case with …": the action comes before the ticket.
    [GeneratedRegex(@"\b(?:assigned|re-?assigned|updated|logged|raised|opened|created|reopened|escalated|closed|resolved|passed|submitted|filed|lodged|put in)\s+(?:you\s+)?(?:the|a|your|that|this|an|my|our)\s+(?:(?:new|support|service|help ?desk)\s+)?(?:ticket|case|incident|service request)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex TicketAction();
}
