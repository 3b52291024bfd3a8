using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Triage;

/// <summary>
/// Resolves, dismisses or assigns an exception. Resolve and assign run normalization again for the archived message and
/// record the new outcome in place of the old one; the exception keeps its id and records the decision.
/// </summary>
public sealed class ExceptionTriage(IRecordStore records, IMessageArchive archive, MessagePipeline pipeline, TimeProvider time)
{
    private const int MaxNoteChars = 2_000;
    private const int MaxTicketIdChars = 64;

    /// <summary>Carries out <paramref name="request"/>; throws <see cref="TriageException"/> saying what is wrong.</summary>
    public async Task<TriageResult> TriageAsync(WorkspaceProfile profile, TriageRequest request, CancellationToken cancellationToken)
    {
        var exception = (await records.ListExceptionsAsync(profile.Id, null, cancellationToken)).FirstOrDefault(e => e.Id == request.ExceptionId)
            ?? throw new TriageException($"No exception '{request.ExceptionId}' in this workspace.", notFound: true);
        var note = request.Note is { Length: > MaxNoteChars } ? throw new TriageException($"The note is longer than {MaxNoteChars} characters.") : request.Note;
        var now = time.GetUtcNow();
        EmailEvent? rerecorded = null;
        string resolution;
        switch (request.Action)
        {
            case TriageAction.Dismiss:
                resolution = "dismissed";
                break;
            case TriageAction.Resolve:
                rerecorded = await RenormalizeAsync(profile, exception, null, cancellationToken);
                resolution = "resolved";
                break;
            default:
                var ticket = TicketOf(profile, request.TicketId);
                rerecorded = await RenormalizeAsync(profile, exception, ticket, cancellationToken);
                resolution = $"assigned to {ticket.Id}";
                break;
        }
        var updated = exception with
        {
            Status = request.Action == TriageAction.Dismiss ? "Dismissed" : "Resolved",
            Resolution = note is { Length: > 0 } ? $"{resolution}: {note}" : resolution,
            ResolvedAt = now,
            ResolvedBy = request.By,
        };
        await records.SaveExceptionAsync(updated, cancellationToken);
        return new TriageResult(updated, rerecorded);
    }

    private static ThreadTicket TicketOf(WorkspaceProfile profile, string? ticketId)
    {
        var id = ticketId?.Trim() ?? "";
        if (id.Length is 0 or > MaxTicketIdChars)
        {
            throw new TriageException($"Assign needs a ticket id of 1 to {MaxTicketIdChars} characters.");
        }
        // The finder reads ids as messages write them; a ConnectWise number is only one after "Ticket #", and the operator
        // (or a suggestion) gives the bare number, or "#number".
        var bare = id.TrimStart('#');
        var mention = profile.TicketIds.Find(id, "assigned").Concat(profile.TicketIds.Find($"Ticket #{bare}", "assigned"))
            .FirstOrDefault(m => m.Id.Equals(id, StringComparison.OrdinalIgnoreCase) || m.Id.Equals(bare, StringComparison.OrdinalIgnoreCase))
            ?? throw new TriageException($"'{id}' is not a ticket id of this workspace's ticket systems.");
        return new ThreadTicket(mention.Id, mention.System);
    }

    private async Task<EmailEvent> RenormalizeAsync(WorkspaceProfile profile, ExceptionRecord exception, ThreadTicket? assigned, CancellationToken cancellationToken)
    {
        var message = await archive.FindAsync(profile.Id, exception.EventKey, cancellationToken)
            ?? throw new TriageException($"The message of exception '{exception.Id}' is not archived (it could not be read), so normalization cannot run again.");
        var previous = (await records.ListEventsAsync(profile.Id, cancellationToken)).FirstOrDefault(e => e.Key == exception.EventKey);
        var thread = assigned ?? await records.FindThreadTicketAsync(profile.Id, pipeline.ThreadKeysOf(message), cancellationToken);
        var outcome = pipeline.Process(message, profile, thread, previous?.RunId ?? exception.RunId ?? "triage");
        outcome = outcome with { Event = outcome.Event with { AttachmentIds = previous?.AttachmentIds ?? [] } };
        if (assigned is not null && outcome.Ticket is null)
        {
            throw new TriageException($"The message cannot join ticket {assigned.Id}: it is classified {outcome.Event.Category}, which takes no ticket.");
        }
        var now = time.GetUtcNow();
        await records.RerecordAsync(outcome,
            existing => existing is not null && previous?.TicketId == existing.TicketId
                // The message already counted for this ticket: normalizing it again must not count it twice.
                ? existing
                : TicketMerger.Merge(profile.Id, existing, outcome.Ticket!, profile.Config.Thresholds, now),
            cancellationToken);
        return outcome.Event;
    }
}
