namespace OpsHelm.Core.Ports;

/// <summary>What recording one message's outcome created.</summary>
/// <param name="Recorded">False when the EmailEvent already existed and nothing was written.</param>
/// <param name="TicketCreated">A new ticket was created.</param>
/// <param name="TicketUpdated">An existing ticket was updated.</param>
/// <param name="TasksCreated">New tasks.</param>
/// <param name="CommitmentsCreated">New commitments.</param>
/// <param name="ExceptionsCreated">New exceptions.</param>
public sealed record RecordResult(bool Recorded, bool TicketCreated, bool TicketUpdated, int TasksCreated, int CommitmentsCreated, int ExceptionsCreated)
{
    /// <summary>The result for an already recorded message.</summary>
    public static RecordResult AlreadyRecorded { get; } = new(false, false, false, 0, 0, 0);
}
