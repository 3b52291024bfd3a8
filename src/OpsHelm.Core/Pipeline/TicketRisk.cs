using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Pipeline;

/// <summary>Risk flags and the next action of a ticket, as of a moment.</summary>
public static class TicketRisk
{
    /// <summary>Flag: priority 1.</summary>
    public const string P1 = "P1";
    /// <summary>Flag: no activity for the workspace's stale days.</summary>
    public const string Stale = "Stale";
    /// <summary>Flag: the customer wrote last and has waited longer than the workspace allows.</summary>
    public const string CustomerWaiting = "CustomerWaiting";
    /// <summary>Flag: someone called it urgent.</summary>
    public const string Urgent = "Urgent";

    /// <summary>True while the ticket still needs work.</summary>
    public static bool IsOpen(Ticket ticket) => ticket.StatusBucket is not (StatusBucket.Resolved or StatusBucket.Closed);

    /// <summary>True when the open ticket has had no activity for <paramref name="thresholds"/>' stale days.</summary>
    public static bool IsStale(Ticket ticket, ThresholdsConfig thresholds, DateTimeOffset now) =>
        IsOpen(ticket) && now - ticket.LastActivity > TimeSpan.FromDays(thresholds.StaleTicketDays);

    /// <summary><paramref name="ticket"/> with its flags and next action evaluated at <paramref name="now"/>; <paramref name="urgent"/> keeps an earlier urgency.</summary>
    public static Ticket Evaluate(Ticket ticket, ThresholdsConfig thresholds, DateTimeOffset now, bool urgent)
    {
        var flags = new List<string>();
        if (ticket.Priority == "P1")
        {
            flags.Add(P1);
        }
        if (urgent)
        {
            flags.Add(Urgent);
        }
        var customerWaiting = IsOpen(ticket)
            && ticket.LastCustomerTouch is { } customer
            && (ticket.LastInternalTouch is not { } ours || ours < customer)
            && now - customer > TimeSpan.FromHours(thresholds.CustomerWaitingHours);
        if (customerWaiting)
        {
            flags.Add(CustomerWaiting);
        }
        var stale = IsStale(ticket, thresholds, now);
        if (stale)
        {
            flags.Add(Stale);
        }
        return ticket with { RiskFlags = flags, NextAction = NextAction(ticket, customerWaiting, stale) };
    }

    private static string NextAction(Ticket ticket, bool customerWaiting, bool stale)
    {
        var customer = ticket.Customer ?? "the customer";
        if (!IsOpen(ticket))
        {
            return ticket.StatusBucket == StatusBucket.Resolved ? $"Confirm the fix with {customer}, then close" : "None: closed";
        }
        var customerWroteLast = ticket.LastCustomerTouch is { } c && (ticket.LastInternalTouch is not { } i || i < c);
        if (customerWaiting || (customerWroteLast && ticket.StatusBucket != StatusBucket.WaitingOnCustomer))
        {
            return $"Reply to {customer}";
        }
        return ticket.StatusBucket switch
        {
            StatusBucket.WaitingOnCustomer => stale ? $"Chase {customer} for their reply" : $"Wait for {customer}",
            StatusBucket.WaitingOnVendor => "Chase the vendor",
            StatusBucket.Blocked => "Remove the blocker",
            _ when stale => $"Follow up with {customer}",
            StatusBucket.New => "Acknowledge and start work",
            _ => "Continue work",
        };
    }
}
