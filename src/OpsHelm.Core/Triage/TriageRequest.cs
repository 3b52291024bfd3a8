namespace OpsHelm.Core.Triage;

/// <summary>One triage decision.</summary>
/// <param name="ExceptionId">The exception.</param>
/// <param name="Action">Resolve, dismiss or assign.</param>
/// <param name="TicketId">The ticket (Assign only).</param>
/// <param name="Note">The operator's note, kept as text.</param>
/// <param name="By">Who decided.</param>
public sealed record TriageRequest(string ExceptionId, TriageAction Action, string? TicketId, string? Note, string? By);

/// <summary>What triage did: the exception as it now stands, and the message's event after normalization ran again (null when it did not).</summary>
/// <param name="Exception">The exception.</param>
/// <param name="Event">The re-recorded event.</param>
public sealed record TriageResult(Records.ExceptionRecord Exception, Records.EmailEvent? Event);

/// <summary>A triage request that cannot be carried out, with the reason (shown to the operator).</summary>
public sealed class TriageException(string message, bool notFound = false) : Exception(message)
{
    /// <summary>True when the exception itself does not exist in the workspace.</summary>
    public bool NotFound { get; } = notFound;
}
