namespace OpsHelm.Core.Records;

/// <summary>Why a message needs an operator's eye.</summary>
public enum ExceptionReason
{
    /// <summary>The classification's confidence is below the workspace threshold.</summary>
    LowConfidence,
    /// <summary>Ticket traffic without a ticket id.</summary>
    MissingTicketId,
    /// <summary>The message names different tickets.</summary>
    ConflictingSignals,
    /// <summary>The source item could not be read as a message.</summary>
    ParseFailure,
    /// <summary>Processing failed.</summary>
    ProcessingFailed,
    /// <summary>An attachment was refused.</summary>
    AttachmentRejected,
}
