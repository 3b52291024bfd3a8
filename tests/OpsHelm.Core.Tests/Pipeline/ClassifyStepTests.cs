using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using static OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Pipeline;

/// <summary>The kinds of mail issue 16 lists, each written here from scratch, through steps 4–7.</summary>
public class ClassifyStepTests
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.Parse("2026-11-12T12:00:00Z"));

    private static MessageOutcome Process(InboundMessage message, ThreadTicket? thread = null) =>
        new MessagePipeline(new PipelineOptions(), Clock).Process(message, Profile, thread, "run-1");

    private static InboundMessage WithHeaders(InboundMessage message, params (string Name, string Value)[] headers) =>
        message with { Headers = headers.Select(h => new MessageHeader(h.Name, h.Value)).ToList() };

    [Fact]
    public void An_HTML_ServiceNow_notification_gives_its_fields_from_table_cells()
    {
        var html = "<html><body><p>Incident INC0055120 has been updated.</p><table>"
            + "<tr><th align=left>Company</th><td>QLL</td></tr>"
            + "<tr><th align=left>Priority</th><td>2 - High</td></tr>"
            + "<tr><th align=left>State</th><td>Work in Progress</td></tr></table></body></html>";
        var message = Received("quarrylane@service-now.com", "Re: Dock printers offline", html) with { BodyIsHtml = true };
        var ticket = Process(message).Extraction.Ticket!;
        ticket.Id.ShouldBe("INC0055120");
        ticket.Customer.ShouldBe("Quarry Lane Logistics");
        ticket.Priority.ShouldBe("P2");
        ticket.StatusCue.ShouldBe(StatusBucket.InProgress);
    }

    [Fact]
    public void A_ConnectWise_HTML_notification_with_a_hold_reason_reports_waiting_on_the_customer()
    {
        var html = "<table><tr><td><b>Ticket #:</b></td><td>774300</td></tr><tr><td><b>Company</b></td><td>Bayside Dental Group</td></tr>"
            + "<tr><td>Status</td><td>On Hold</td></tr><tr><td>On Hold Reason</td><td>Awaiting Customer</td></tr></table>";
        var message = Received("help@harborlightit.com", "Updated: scanner at front desk", html) with { BodyIsHtml = true };
        var ticket = Process(message).Extraction.Ticket!;
        ticket.Id.ShouldBe("774300");
        ticket.Customer.ShouldBe("Bayside Dental Group");
        ticket.StatusCue.ShouldBe(StatusBucket.WaitingOnCustomer);
    }

    [Fact]
    public void Subject_and_body_naming_different_ConnectWise_tickets_with_no_thread_record_conflicting_signals()
    {
        var outcome = Process(Received("ops@baysidedental.com", "[Ticket 774301] VPN slow", "This is really Ticket Number: 774399 from last week."));
        outcome.Extraction.Ticket!.Id.ShouldBe("774301");
        outcome.Exceptions.Select(e => e.Reason).ShouldBe([ExceptionReason.ConflictingSignals]);
    }

    [Fact]
    public void A_colleague_saying_they_logged_the_ticket_without_an_id_is_ticket_traffic_missing_its_id()
    {
        var outcome = Process(Received("marcus@harborlightit.com", "Bayside fridge monitor", "I've logged a ticket for the fridge temperature monitor and put you on it."));
        outcome.Classification.Category.ShouldBe(Category.Ticket);
        outcome.Exceptions.Select(e => e.Reason).ShouldBe([ExceptionReason.MissingTicketId]);
        outcome.Classification.Evidence.ShouldContain(e => e.Contains("logged a ticket"));
    }

    [Fact]
    public void A_shift_handover_sent_to_colleagues_is_a_sent_summary()
    {
        var handover = Sent("marcus@harborlightit.com", "Night handover", "Handover for tonight:\n- Quarry Lane: backups green.\n- Bayside: waiting on the ISP.");
        Process(handover).Classification.Category.ShouldBe(Category.SentSummary);
    }

    [Fact]
    public void A_newsletter_with_List_Unsubscribe_and_no_Precedence_is_noise()
    {
        var newsletter = WithHeaders(Received("digest@vendor-news.example", "This month in cloud", "Five features you missed."), ("List-Unsubscribe", "<mailto:u@vendor-news.example>"));
        Process(newsletter).Classification.Category.ShouldBe(Category.Noise);
    }

    [Fact]
    public void An_automated_invoice_notice_is_noise_by_its_footer()
    {
        var invoice = Received("billing@supplier.example", "Invoice 55120 is ready", "Your invoice for November is ready to view.\nThis is an automated message, please do not reply to this email.");
        var outcome = Process(invoice);
        outcome.Classification.Category.ShouldBe(Category.Noise);
        outcome.Classification.Evidence[^1].ShouldContain("automated");
    }

    [Fact]
    public void An_abuse_feedback_report_is_noise()
    {
        var report = WithHeaders(Received("abuse@isp.example", "Abuse report", "A message from your network was reported."), ("Content-Type", "multipart/report; report-type=feedback-report; boundary=x"));
        Process(report).Classification.Evidence[^1].ShouldContain("feedback report");
    }

    [Fact]
    public void A_ServiceNow_notification_relayed_through_a_list_is_still_ticket_traffic()
    {
        var relayed = WithHeaders(Received("quarrylane@service-now.com", "INC0055121 updated", "Number: INC0055121\nState: In Progress"), ("Precedence", "bulk"), ("List-Id", "<it-alerts.quarrylane.com>"));
        Process(relayed).Classification.Category.ShouldBe(Category.Ticket);
    }

    [Fact]
    public void A_ServiceNow_template_with_the_id_only_in_the_body_is_found()
    {
        var template = Received("quarrylane@service-now.com", "Re: Warehouse tablets dropping Wi-Fi", "INC0055122 (Warehouse tablets dropping Wi-Fi) has been updated.\nComments: rebooted the controller.");
        Process(template).Extraction.Ticket!.Id.ShouldBe("INC0055122");
    }

    [Fact]
    public void Another_help_desks_subject_tag_is_not_a_ConnectWise_id_unless_the_ConnectWise_sender_sent_it()
    {
        var zammad = Received("support@othervendor.example", "[Ticket#31001] Your request was received", "We will look into it.");
        Process(zammad).Extraction.Ticket.ShouldBeNull();
        var ours = Received("help@harborlightit.com", "[Ticket#31001] Your request was received", "We will look into it.");
        Process(ours).Extraction.Ticket!.Id.ShouldBe("31001");
    }

    [Fact]
    public void A_photo_sent_from_a_phone_with_no_subject_is_other_at_low_confidence()
    {
        var photo = Received("someone@gmail.example", "", "Sent from my iPhone") with
        {
            Attachments = [new InboundAttachment { Name = "IMG_0001.jpg", ContentType = "image/jpeg", Size = 1000 }],
        };
        var outcome = Process(photo);
        outcome.Classification.Category.ShouldBe(Category.Other);
        outcome.Exceptions.Select(e => e.Reason).ShouldContain(ExceptionReason.LowConfidence);
    }

    [Fact]
    public void A_chat_reply_belongs_with_the_message_it_answers()
    {
        var reply = new InboundMessage
        {
            Channel = Channel.WhatsApp,
            ProviderMessageId = "wamid.reply",
            RepliesTo = "wamid.first",
            Body = "photo attached",
            From = new Participant("+15550100"),
            SentAt = DateTimeOffset.Parse("2026-11-10T14:00:00Z"),
        };
        var keys = new MessagePipeline(new PipelineOptions(), Clock).ThreadKeysOf(reply);
        keys.ShouldBe(["msg:WhatsApp:wamid.reply", "msg:WhatsApp:wamid.first"]);
        Process(reply, new ThreadTicket("774302", TicketSystem.ConnectWise)).Extraction.Ticket!.Id.ShouldBe("774302");
    }
}
