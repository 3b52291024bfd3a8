using OpsHelm.Core.Records;

namespace OpsHelm.Core.Ingestion;

/// <summary>What processing one message did: small and serializable, so it travels back through the orchestration and the run's counts are the sum of its messages' summaries.</summary>
/// <param name="Disposition">New, AlreadyRecorded, SkippedBeforeSince or ParseFailure.</param>
/// <param name="Category">The category recorded, for a new message.</param>
/// <param name="Exceptions">Reasons of the exceptions created.</param>
/// <param name="TicketCreated">A ticket was created.</param>
/// <param name="TicketUpdated">A ticket was updated.</param>
/// <param name="TasksCreated">Tasks created.</param>
/// <param name="CommitmentsCreated">Commitments created.</param>
/// <param name="AttachmentsStored">Attachments stored.</param>
public sealed record ItemSummary(
    ItemDisposition Disposition,
    Category? Category = null,
    IReadOnlyList<ExceptionReason>? Exceptions = null,
    bool TicketCreated = false,
    bool TicketUpdated = false,
    int TasksCreated = 0,
    int CommitmentsCreated = 0,
    int AttachmentsStored = 0);

/// <summary>How an item ended.</summary>
public enum ItemDisposition
{
    /// <summary>Recorded by this run.</summary>
    New,
    /// <summary>Recorded before (nothing repeated).</summary>
    AlreadyRecorded,
    /// <summary>Sent before the run's since.</summary>
    SkippedBeforeSince,
    /// <summary>Could not be read as a message; a ParseFailure exception stands for it.</summary>
    ParseFailure,
}
