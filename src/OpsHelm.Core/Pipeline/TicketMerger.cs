using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Merges what a message tells about a ticket into the stored ticket (the upsert by workspace and ticket id).</summary>
public static class TicketMerger
{
    /// <summary>The ticket after <paramref name="observation"/>; <paramref name="existing"/> is null for a new ticket.</summary>
    public static Ticket Merge(string workspaceId, Ticket? existing, TicketObservation observation, ThresholdsConfig thresholds, DateTimeOffset now)
    {
        var ticket = existing ?? new Ticket
        {
            WorkspaceId = workspaceId,
            TicketId = observation.TicketId,
            System = observation.System,
            Title = observation.Subject,
            LastActivity = observation.At,
        };
        // Fields a later message states replace older ones; an out-of-order older message only fills gaps.
        var newer = existing is null || observation.At >= existing.LastActivity;
        ticket = ticket with
        {
            Customer = ticket.Customer ?? observation.Customer,
            Priority = observation.Priority is not null && (newer || ticket.Priority is null) ? observation.Priority : ticket.Priority,
            StatusBucket = observation.Status is { } status && (newer || existing is null) ? status : ticket.StatusBucket,
            LastCustomerTouch = observation.Touch == TouchKind.Customer ? Max(ticket.LastCustomerTouch, observation.At) : ticket.LastCustomerTouch,
            LastInternalTouch = observation.Touch == TouchKind.Internal ? Max(ticket.LastInternalTouch, observation.At) : ticket.LastInternalTouch,
            LastActivity = observation.At > ticket.LastActivity ? observation.At : ticket.LastActivity,
            MessageCount = ticket.MessageCount + 1,
        };
        var urgent = observation.Urgent || ticket.RiskFlags.Contains(TicketRisk.Urgent);
        return TicketRisk.Evaluate(ticket, thresholds, now, urgent);
    }

    private static DateTimeOffset Max(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value > candidate ? value : candidate;
}
