using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Api.Portal;

/// <summary>
/// <c>GET …/messages?q=&amp;category=&amp;from=&amp;ticket=&amp;since=&amp;cursor=&amp;limit=</c>: the workspace's messages, newest
/// first, paged by cursor; and <c>GET …/messages/{eventKey}</c>: one message with why OpsHelm decided what it did.
/// </summary>
public static class MessagesEndpoints
{
    /// <summary>Items in a page unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 25;

    /// <summary>The most items in one page.</summary>
    public const int MaxLimit = 100;

    /// <summary>The longest body text a message page carries.</summary>
    public const int MaxBodyChars = 50_000;

    private const int MaxQueryChars = 200;
    private const int MaxThread = 50;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/messages", (string workspaceId, string? q, string? category, string? from, string? ticket, string? since, string? cursor, int? limit,
                [AsParameters] MessageServices services, CancellationToken cancellationToken) =>
                SearchMessagesAsync(workspaceId, new SearchQuery(q, category, from, ticket, since, cursor, limit), services, cancellationToken))
            .WithName("SearchMessages")
            .WithSummary("Messages, newest first: q matches subject, sender address or ticket id; category, from, ticket and since narrow; paged by cursor.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        workspace.MapGet("/messages/{eventKey}", (string workspaceId, string eventKey, [AsParameters] MessageServices services, CancellationToken cancellationToken) =>
                GetMessageAsync(workspaceId, eventKey, services, cancellationToken))
            .WithName("GetMessage")
            .WithSummary("One message (by its event key, URL-escaped): headers, body as text, attachments, category, evidence, fields, asks, promises, exceptions, ticket and thread.");
    }

    /// <summary>The query string of a search, as given.</summary>
    /// <param name="Q">Text to find in subject, sender address or ticket id.</param>
    /// <param name="Category">Category name.</param>
    /// <param name="From">Part of the sender address.</param>
    /// <param name="Ticket">Ticket id.</param>
    /// <param name="Since">ISO 8601 date or date-time.</param>
    /// <param name="Cursor">The previous page's <c>next</c>.</param>
    /// <param name="Limit">Items per page (1–100).</param>
    public sealed record SearchQuery(string? Q, string? Category, string? From, string? Ticket, string? Since, string? Cursor, int? Limit);

    /// <summary>One page of the search, or 400 naming the parameter that is wrong.</summary>
    public static async Task<Results<Ok<MessageSearchPage>, ProblemHttpResult>> SearchMessagesAsync(
        string workspaceId, SearchQuery query, MessageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(services);
        static ProblemHttpResult BadRequest(string title) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title);
        static string? Term(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        var text = Term(query.Q);
        var from = Term(query.From);
        var ticket = Term(query.Ticket);
        if (new[] { text, from, ticket }.Any(t => t is { Length: > MaxQueryChars }))
        {
            return BadRequest($"q, from and ticket are at most {MaxQueryChars} characters.");
        }
        Category? category = null;
        if (Term(query.Category) is { } categoryName)
        {
            if (!Enum.TryParse<Category>(categoryName, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(categoryName, out _))
            {
                return BadRequest($"category must be one of {string.Join(", ", Enum.GetNames<Category>())}.");
            }
            category = parsed;
        }
        DateTimeOffset? sinceAt = null;
        if (Term(query.Since) is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return BadRequest("since must be a date or date-time (ISO 8601), e.g. 2026-10-01.");
            }
            sinceAt = parsed;
        }
        MessageCursor? after = null;
        if (Term(query.Cursor) is { } cursorText && (after = MessageCursorText.Decode(cursorText)) is null)
        {
            return BadRequest("cursor is not one this API handed out: pass the previous page's next as it was.");
        }
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest($"limit must be 1 to {MaxLimit}.");
        }
        var page = await services.Records.SearchEventsAsync(workspaceId,
            new MessageSearch(text, category, from, ticket, sinceAt, after, limit), cancellationToken);
        var items = await MessageSummaries.OfAsync(workspaceId, page.Items, services.Archive, cancellationToken);
        return TypedResults.Ok(new MessageSearchPage(items, page.Next is { } next ? MessageCursorText.Encode(next) : null));
    }

    /// <summary>One message with what OpsHelm decided about it, or 404 (also for another workspace's message).</summary>
    public static async Task<Results<Ok<MessageDetail>, ProblemHttpResult>> GetMessageAsync(
        string workspaceId, string eventKey, MessageServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var key = MeetingsEndpoints.EventKeyOf(eventKey);
        if ((await services.Records.FindEventsAsync(workspaceId, [key], cancellationToken)).FirstOrDefault() is not { } emailEvent)
        {
            return PortalRoutes.NotFound("No such message in this workspace.");
        }
        var message = await services.Archive.FindAsync(workspaceId, key, cancellationToken);
        var raised = await services.Records.FindMessageRecordsAsync(workspaceId, key, cancellationToken);
        var body = message is null ? new BodyText(emailEvent.Excerpt, false, false) : BodyText.Of(message, MaxBodyChars);
        var headers = message is null
            ? new MessageHeaders(new MessageParty(null, emailEvent.From), [], [], emailEvent.SentAt, null, emailEvent.Folder, emailEvent.Mailbox,
                emailEvent.InternetMessageId, emailEvent.ConversationId)
            : new MessageHeaders(new MessageParty(message.From?.Name, message.From?.Address ?? emailEvent.From),
                message.To.Select(p => new MessageParty(p.Name, p.Address)).ToList(), message.Cc.Select(p => new MessageParty(p.Name, p.Address)).ToList(),
                message.SentAt, message.ReceivedAt, message.Folder, message.Mailbox, message.InternetMessageId, message.ConversationId);

        var attachments = new List<MessageAttachment>();
        foreach (var attachmentId in emailEvent.AttachmentIds)
        {
            if (await services.Attachments.FindAsync(workspaceId, attachmentId, cancellationToken) is { } info)
            {
                attachments.Add(new MessageAttachment(info.Id, info.Name, info.ContentType, info.Size,
                    $"/api/workspaces/{Uri.EscapeDataString(workspaceId)}/attachments/{Uri.EscapeDataString(info.Id)}"));
            }
        }

        Ticket? ticket = null;
        IReadOnlyList<MessageSummary> thread = [];
        if (emailEvent.TicketId is { } ticketId)
        {
            ticket = (await services.Records.ListTicketsAsync(workspaceId, cancellationToken)).FirstOrDefault(t => t.TicketId == ticketId);
            var threadPage = await services.Records.SearchEventsAsync(workspaceId, new MessageSearch(TicketId: ticketId, Limit: MaxThread), cancellationToken);
            thread = await MessageSummaries.OfAsync(workspaceId, threadPage.Items, services.Archive, cancellationToken);
        }

        return TypedResults.Ok(new MessageDetail(
            MessageSummaries.Of(emailEvent, message), headers, body.Text, body.Truncated, body.WasHtml, message is not null, attachments,
            emailEvent.Category, emailEvent.Confidence, emailEvent.Evidence, await FieldsAsync(workspaceId, message, services, cancellationToken),
            raised.Tasks.Where(t => t.Kind == "Ask").Select(t => new MessageAsk(t.Id, t.Title, t.Due, t.Status)).ToList(),
            raised.Commitments.Select(c => new MessagePromise(c.Text, c.Due, c.Recipient, c.Status)).ToList(),
            raised.Exceptions, ticket, thread));
    }

    // The ticket fields are not stored apart from the ticket they were merged into: read them from the archived message with
    // the workspace's current rules (the same pure steps triage runs again), so the page shows what this message states.
    private static async Task<ExtractedFields?> FieldsAsync(string workspaceId, Core.Messages.InboundMessage? message, MessageServices services,
        CancellationToken cancellationToken)
    {
        if (message is null || services.Registry.Find(workspaceId) is null)
        {
            return null;
        }
        var profile = services.Registry.ProfileOf(workspaceId);
        var thread = await services.Records.FindThreadTicketAsync(workspaceId, services.Pipeline.ThreadKeysOf(message), cancellationToken);
        var outcome = services.Pipeline.Process(message, profile, thread, "portal");
        return outcome.Extraction.Ticket is { } fields
            ? new ExtractedFields(fields.Id, fields.System, fields.Customer, fields.Priority, fields.StatusCue, outcome.Extraction.Urgent)
            : null;
    }
}
