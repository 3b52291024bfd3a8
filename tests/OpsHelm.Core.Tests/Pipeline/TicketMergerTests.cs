using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Pipeline;

public class TicketMergerTests
{
    private static readonly ThresholdsConfig Thresholds = new() { StaleTicketDays = 3, CustomerWaitingHours = 24 };
    private static readonly DateTimeOffset Monday = DateTimeOffset.Parse("2026-11-09T14:00:00Z");

    private static TicketObservation Seen(TouchKind touch, DateTimeOffset at, string? priority = null, StatusBucket? status = null) =>
        new("INC0023401", TicketSystem.ServiceNow, "Quarry Lane Logistics", priority, status, touch, at, false, "printers");

    [Fact]
    public void A_customer_waiting_longer_than_allowed_is_flagged_and_we_are_told_to_reply()
    {
        var ticket = TicketMerger.Merge("ws", null, Seen(TouchKind.Customer, Monday, "P1", StatusBucket.InProgress), Thresholds, Monday.AddHours(30));
        ticket.RiskFlags.ShouldBe([TicketRisk.P1, TicketRisk.CustomerWaiting]);
        ticket.NextAction.ShouldBe("Reply to Quarry Lane Logistics");
    }

    [Fact]
    public void Our_reply_clears_the_customer_waiting_flag()
    {
        var waiting = TicketMerger.Merge("ws", null, Seen(TouchKind.Customer, Monday), Thresholds, Monday.AddHours(30));
        var answered = TicketMerger.Merge("ws", waiting, Seen(TouchKind.Internal, Monday.AddHours(31)), Thresholds, Monday.AddHours(31));
        answered.RiskFlags.ShouldNotContain(TicketRisk.CustomerWaiting);
        answered.LastInternalTouch.ShouldBe(Monday.AddHours(31));
        answered.MessageCount.ShouldBe(2);
    }

    [Fact]
    public void An_open_ticket_without_activity_for_the_stale_days_is_stale()
    {
        var ticket = TicketMerger.Merge("ws", null, Seen(TouchKind.System, Monday, status: StatusBucket.WaitingOnVendor), Thresholds, Monday.AddDays(4));
        ticket.RiskFlags.ShouldContain(TicketRisk.Stale);
    }

    [Fact]
    public void An_older_message_arriving_late_does_not_overwrite_newer_status()
    {
        var current = TicketMerger.Merge("ws", null, Seen(TouchKind.System, Monday.AddDays(1), status: StatusBucket.Resolved), Thresholds, Monday.AddDays(1));
        var late = TicketMerger.Merge("ws", current, Seen(TouchKind.System, Monday, status: StatusBucket.InProgress), Thresholds, Monday.AddDays(1));
        late.StatusBucket.ShouldBe(StatusBucket.Resolved);
    }
}
