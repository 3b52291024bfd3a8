using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>The headers of a message that matter to an operator.</summary>
/// <param name="From">Sender.</param>
/// <param name="To">To recipients.</param>
/// <param name="Cc">Cc recipients.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="ReceivedAt">When it was received, if the provider said.</param>
/// <param name="Folder">Folder.</param>
/// <param name="Mailbox">Mailbox or number it was read from.</param>
/// <param name="InternetMessageId">RFC 5322 Message-ID.</param>
/// <param name="ConversationId">The provider's thread id.</param>
public sealed record MessageHeaders(
    MessageParty From, IReadOnlyList<MessageParty> To, IReadOnlyList<MessageParty> Cc, DateTimeOffset SentAt, DateTimeOffset? ReceivedAt,
    string Folder, string Mailbox, string? InternetMessageId, string? ConversationId);

/// <summary>A stored attachment of a message: only ever downloaded.</summary>
/// <param name="Id">Attachment id.</param>
/// <param name="Name">Safe file name.</param>
/// <param name="ContentType">Declared content type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="DownloadUrl">The download route.</param>
public sealed record MessageAttachment(string Id, string Name, string ContentType, long Size, string DownloadUrl);

/// <summary>The ticket fields the extraction rules read from the message.</summary>
/// <param name="TicketId">Ticket id.</param>
/// <param name="System">Ticket system.</param>
/// <param name="Customer">Customer.</param>
/// <param name="Priority">Priority.</param>
/// <param name="StatusCue">Status the message states.</param>
/// <param name="Urgent">Whether it calls the matter urgent.</param>
public sealed record ExtractedFields(string TicketId, TicketSystem System, string? Customer, string? Priority, StatusBucket? StatusCue, bool Urgent);

/// <summary>An ask in the message: the task raised to answer it.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Text">What to do.</param>
/// <param name="Due">When the answer is due.</param>
/// <param name="Status">Open or Done.</param>
public sealed record MessageAsk(string TaskId, string Text, DateTimeOffset? Due, string Status);

/// <summary>A promise we made in the message: its commitment.</summary>
/// <param name="Text">The promise as written.</param>
/// <param name="Due">When it is due, if stated.</param>
/// <param name="Recipient">Who it was made to.</param>
/// <param name="Status">Open, Kept or Dismissed.</param>
public sealed record MessagePromise(string Text, DateTimeOffset? Due, string? Recipient, string Status);

/// <summary>
/// One message with what OpsHelm decided about it: headers, the body as text (bounded; HTML converted, never passed on),
/// attachments, category with confidence and evidence, extracted fields, asks, promises, exceptions, and its ticket and thread.
/// </summary>
/// <param name="Message">The message as lists show it.</param>
/// <param name="Headers">Headers that matter.</param>
/// <param name="Body">The body as plain text (bounded); the excerpt when the message is not archived.</param>
/// <param name="BodyTruncated">Whether the body was cut at the limit.</param>
/// <param name="BodyWasHtml">Whether the body arrived as HTML and was converted to text.</param>
/// <param name="Archived">Whether the message as read is kept (else body and headers are what the EmailEvent holds).</param>
/// <param name="Attachments">Stored attachments.</param>
/// <param name="Category">Category.</param>
/// <param name="Confidence">Confidence, 0–1.</param>
/// <param name="Evidence">Each line of evidence behind category and fields, in the order found.</param>
/// <param name="Fields">The ticket fields the rules read from the message, if any.</param>
/// <param name="Asks">Asks (their tasks).</param>
/// <param name="Promises">Promises with due dates (their commitments).</param>
/// <param name="Exceptions">Exceptions on the message, with their status.</param>
/// <param name="Ticket">The ticket it belongs to.</param>
/// <param name="Thread">The ticket's messages, newest first (at most 50).</param>
public sealed record MessageDetail(
    MessageSummary Message, MessageHeaders Headers, string Body, bool BodyTruncated, bool BodyWasHtml, bool Archived,
    IReadOnlyList<MessageAttachment> Attachments, Category Category, double Confidence, IReadOnlyList<string> Evidence, ExtractedFields? Fields,
    IReadOnlyList<MessageAsk> Asks, IReadOnlyList<MessagePromise> Promises, IReadOnlyList<ExceptionRecord> Exceptions, Ticket? Ticket,
    IReadOnlyList<MessageSummary> Thread);

/// <summary>A page of a message search, newest first.</summary>
/// <param name="Items">The messages.</param>
/// <param name="Next">The cursor of the next page (pass as <c>cursor</c>), or null on the last page.</param>
public sealed record MessageSearchPage(IReadOnlyList<MessageSummary> Items, string? Next);
