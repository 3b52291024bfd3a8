using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Api.Portal;

/// <summary>Builds <see cref="MessageSummary"/>s from EmailEvents, with the sender's name and receive time from the archived message.</summary>
public static class MessageSummaries
{
    /// <summary>The summary of <paramref name="emailEvent"/>, read with its archived <paramref name="message"/> when there is one.</summary>
    public static MessageSummary Of(EmailEvent emailEvent, InboundMessage? message)
    {
        ArgumentNullException.ThrowIfNull(emailEvent);
        var from = message?.From is { } sender ? new MessageParty(sender.Name, sender.Address) : new MessageParty(null, emailEvent.From);
        return new MessageSummary(emailEvent.Key, emailEvent.Subject, from, message?.ReceivedAt ?? emailEvent.SentAt, emailEvent.Folder,
            emailEvent.Channel, emailEvent.Mailbox, MessagePreview.Of(emailEvent.Excerpt), emailEvent.Category, emailEvent.Confidence, emailEvent.TicketId);
    }

    /// <summary>The summaries of <paramref name="events"/>, in their order, each with its archived message (read eight at a time).</summary>
    public static async Task<IReadOnlyList<MessageSummary>> OfAsync(
        string workspaceId, IReadOnlyList<EmailEvent> events, IMessageArchive archive, CancellationToken cancellationToken)
    {
        var messages = await ArchivedAsync(workspaceId, events.Select(e => e.Key), archive, cancellationToken);
        return events.Select(e => Of(e, messages.GetValueOrDefault(e.Key))).ToList();
    }

    /// <summary>The archived messages of <paramref name="eventKeys"/> that the archive has.</summary>
    public static async Task<IReadOnlyDictionary<string, InboundMessage>> ArchivedAsync(
        string workspaceId, IEnumerable<string> eventKeys, IMessageArchive archive, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, InboundMessage>(StringComparer.Ordinal);
        var gate = new Lock();
        await Parallel.ForEachAsync(eventKeys.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (eventKey, token) =>
            {
                if (await archive.FindAsync(workspaceId, eventKey, token) is { } message)
                {
                    lock (gate)
                    {
                        found[eventKey] = message;
                    }
                }
            });
        return found;
    }
}
