using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>One WhatsApp conversation: its counterpart and its messages, oldest first.</summary>
/// <param name="ConversationId">The conversation's thread key (for WhatsApp, <c>wa:</c> and the counterpart's number).</param>
/// <param name="Participant">The counterpart's number.</param>
/// <param name="MessageCount">How many messages it has.</param>
/// <param name="LastMessageAt">When its newest message was sent.</param>
/// <param name="Messages">Its messages, oldest first.</param>
public sealed record Conversation(string ConversationId, string Participant, int MessageCount, DateTimeOffset LastMessageAt, IReadOnlyList<ConversationMessage> Messages);

/// <summary>One message of a conversation.</summary>
/// <param name="EventKey">The event key.</param>
/// <param name="Subject">Subject (usually empty on WhatsApp).</param>
/// <param name="Excerpt">A short plain-text excerpt of the text (never HTML).</param>
/// <param name="From">Sender's number.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="SentByUs">Whether we sent it.</param>
/// <param name="Category">Its category.</param>
/// <param name="TicketId">The ticket it belongs to, if any.</param>
/// <param name="AttachmentIds">Its stored attachments (download through <c>…/attachments/{id}</c>).</param>
public sealed record ConversationMessage(
    string EventKey, string Subject, string Excerpt, string? From, DateTimeOffset SentAt, bool SentByUs, Category Category, string? TicketId, IReadOnlyList<string> AttachmentIds);

/// <summary><c>GET …/conversations</c>: WhatsApp messages grouped by conversation, the most recently active first.</summary>
public static class ConversationsEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/conversations", ListConversationsAsync)
            .WithName("ListConversations")
            .WithSummary("WhatsApp conversations, the most recently active first, each with its messages oldest first.");

    /// <summary>WhatsApp conversations, the most recently active first.</summary>
    public static async Task<Ok<List<Conversation>>> ListConversationsAsync(string workspaceId, IRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(Group(await records.ListEventsAsync(workspaceId, cancellationToken)));

    /// <summary>The WhatsApp events of <paramref name="events"/> grouped by conversation (else by counterpart), newest conversation first.</summary>
    internal static List<Conversation> Group(IEnumerable<EmailEvent> events) =>
        events.Where(e => e.Channel.Equals(nameof(Channel.WhatsApp), StringComparison.OrdinalIgnoreCase))
            .GroupBy(ConversationKey, StringComparer.Ordinal)
            .Select(g =>
            {
                var messages = g.OrderBy(e => e.SentAt).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
                return new Conversation(g.Key, Participant(g.Key, messages), messages.Count, messages[^1].SentAt,
                    messages.Select(e => new ConversationMessage(e.Key, e.Subject, e.Excerpt, e.From, e.SentAt, e.SentByUs, e.Category, e.TicketId, e.AttachmentIds)).ToList());
            })
            .OrderByDescending(c => c.LastMessageAt).ThenBy(c => c.ConversationId, StringComparer.Ordinal)
            .ToList();

    private static string ConversationKey(EmailEvent e) =>
        !string.IsNullOrEmpty(e.ConversationId) ? e.ConversationId
        : !e.SentByUs && !string.IsNullOrEmpty(e.From) ? e.From
        : e.Key;

    private static string Participant(string conversationKey, List<EmailEvent> messages) =>
        messages.FirstOrDefault(e => !e.SentByUs && !string.IsNullOrEmpty(e.From))?.From
        ?? (conversationKey.StartsWith("wa:", StringComparison.Ordinal) ? conversationKey[3..] : conversationKey);
}
