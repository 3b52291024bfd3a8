using OpsHelm.Core.Records;

namespace OpsHelm.Api.Portal;

/// <summary>Where an unreadable source item was: the file (or source) and line a ParseFailure names.</summary>
/// <param name="File">The file or source, when the failure names it.</param>
/// <param name="Line">The line number.</param>
public sealed record ExceptionSource(string? File, int? Line);

/// <summary>A ticket the operator may assign a message to, and why it is suggested.</summary>
/// <param name="TicketId">The ticket id.</param>
/// <param name="Why">Same thread, same sender or same customer, in words.</param>
public sealed record TicketSuggestion(string TicketId, string Why);

/// <summary>One exception of the queue with the message it is about, so the operator can triage without leaving the portal.</summary>
/// <param name="Id">Exception id.</param>
/// <param name="WorkspaceId">Workspace.</param>
/// <param name="EventKey">The EmailEvent key (the source line's key for a parse failure).</param>
/// <param name="MessageId">The message id (<c>line:n</c> for a parse failure).</param>
/// <param name="Reason">Why.</param>
/// <param name="Details">What exactly.</param>
/// <param name="Status">Open, Resolved or Dismissed.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="RunId">The run that recorded it.</param>
/// <param name="Resolution">What triage decided.</param>
/// <param name="ResolvedAt">When triage decided.</param>
/// <param name="ResolvedBy">Who decided.</param>
/// <param name="Message">The message, when one was recorded (not for a parse failure).</param>
/// <param name="Source">The file and line, for a parse failure.</param>
/// <param name="Suggestions">Tickets to assign it to, for an open exception (at most five).</param>
public sealed record ExceptionItem(
    string Id, string WorkspaceId, string EventKey, string MessageId, ExceptionReason Reason, string Details, string Status, DateTimeOffset CreatedAt,
    string? RunId, string? Resolution, DateTimeOffset? ResolvedAt, string? ResolvedBy, MessageSummary? Message, ExceptionSource? Source,
    IReadOnlyList<TicketSuggestion> Suggestions)
{
    /// <summary>The item of <paramref name="exception"/>.</summary>
    public static ExceptionItem Of(ExceptionRecord exception, MessageSummary? message, IReadOnlyList<TicketSuggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception.Id, exception.WorkspaceId, exception.EventKey, exception.MessageId, exception.Reason, exception.Details, exception.Status,
            exception.CreatedAt, exception.RunId, exception.Resolution, exception.ResolvedAt, exception.ResolvedBy, message,
            exception.Reason == ExceptionReason.ParseFailure ? SourceOf(exception) : null, suggestions);
    }

    // A parse failure's message id is "line:n" and its details "{file} line n: why" (the replay reader's wording).
    private static ExceptionSource SourceOf(ExceptionRecord exception)
    {
        if (!exception.MessageId.StartsWith("line:", StringComparison.Ordinal)
            || !int.TryParse(exception.MessageId.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line))
        {
            return new ExceptionSource(null, null);
        }
        var marker = $" line {line}: ";
        var at = exception.Details.IndexOf(marker, StringComparison.Ordinal);
        return new ExceptionSource(at > 0 ? exception.Details[..at] : null, line);
    }
}
