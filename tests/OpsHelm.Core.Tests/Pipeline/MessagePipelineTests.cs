using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;
using static OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Pipeline;

public class MessagePipelineTests
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.Parse("2026-11-12T12:00:00Z"));

    private static MessageOutcome Process(InboundMessage message, ThreadTicket? thread = null, PipelineOptions? options = null) =>
        new MessagePipeline(options ?? new PipelineOptions(), Clock).Process(message, Profile, thread, "run-1");

    [Fact]
    public void Reply_in_ticket_thread_inherits_ticket_id()
    {
        var reply = Received("sasha@quarrylane.com", "RE: Label printers", "That did it, all printing again.", "conv-1");
        var outcome = Process(reply, new ThreadTicket("INC0023401", TicketSystem.ServiceNow));
        outcome.Classification.Category.ShouldBe(Category.Ticket);
        outcome.Extraction.Ticket!.Id.ShouldBe("INC0023401");
        outcome.Extraction.Ticket.Customer.ShouldBe("Quarry Lane Logistics");
        outcome.ThreadKeys.ShouldContain("conv:conv-1");
    }

    [Fact]
    public void Inherited_reply_reports_only_the_fields_it_states()
    {
        var reply = Received("sasha@quarrylane.com", "RE: printers", "Still broken.", "conv-1");
        var ticket = Process(reply, new ThreadTicket("INC0023401", TicketSystem.ServiceNow)).Extraction.Ticket!;
        ticket.Priority.ShouldBeNull();
        ticket.StatusCue.ShouldBeNull();
    }

    [Fact]
    public void Quoted_older_id_below_new_text_does_not_reassign_the_ticket()
    {
        var reply = Sent("sasha@quarrylane.com", "RE: printers", "On it now.\n\n________________________________\nFrom: Sasha\nSent: Monday\nSee also REQ0021907", "conv-1");
        Process(reply, new ThreadTicket("INC0023401", TicketSystem.ServiceNow)).Extraction.Ticket!.Id.ShouldBe("INC0023401");
    }

    [Fact]
    public void A_forwarded_id_places_a_message_with_no_thread()
    {
        var forward = Received("marcus@harborlightit.com", "FW: Printer jam", "Can you pick this up?\n\n-----Original Message-----\nFrom: Help\nSubject: Ticket #310312 - jam");
        var outcome = Process(forward);
        outcome.Extraction.Ticket!.Id.ShouldBe("310312");
        outcome.Extraction.Ticket.Customer.ShouldBeNull();
    }

    [Fact]
    public void Two_ids_in_the_subject_record_conflicting_signals_and_keep_the_first()
    {
        var outcome = Process(Received("jerome@quarrylane.com", "INC0023417 and INC0023460 - same problem?", "Are they the same?"));
        outcome.Extraction.Ticket!.Id.ShouldBe("INC0023417");
        outcome.Exceptions.Select(e => e.Reason).ShouldBe([ExceptionReason.ConflictingSignals]);
    }

    [Fact]
    public void Ticket_system_mail_without_an_id_is_a_ticket_with_a_missing_id()
    {
        var outcome = Process(Received("help@harborlightit.com", "Your ticket has been updated", "Note: replaced the toner."));
        outcome.Classification.Category.ShouldBe(Category.Ticket);
        outcome.Extraction.Ticket.ShouldBeNull();
        outcome.Exceptions.Select(e => e.Reason).ShouldBe([ExceptionReason.MissingTicketId]);
    }

    [Fact]
    public void Blocklisted_sender_is_noise_even_when_it_names_a_ticket()
    {
        var outcome = Process(Received("jenna@seo-rocket.net", "Ticket #310245", "Could we have a call?"));
        outcome.Classification.Category.ShouldBe(Category.Noise);
        outcome.Extraction.Asks.ShouldBeEmpty();
    }

    [Fact]
    public void Service_now_notification_yields_customer_priority_and_status()
    {
        var outcome = Process(Received("quarrylane@service-now.com", "Incident INC0023417 has been assigned",
            "Short description: tablets\nCompany: QLL\nPriority: 2 - High\nState: Pending - Awaiting Caller"));
        var ticket = outcome.Extraction.Ticket!;
        (ticket.Customer, ticket.Priority, ticket.StatusCue).ShouldBe(("Quarry Lane Logistics", "P2", StatusBucket.WaitingOnCustomer));
        outcome.Extraction.Asks.ShouldBeEmpty();
    }

    [Fact]
    public void Our_promise_becomes_a_commitment_with_a_due_date_and_reminder()
    {
        var outcome = Process(Sent("renee@baysidedental.com", "RE: Ticket #310245", "I'll drop a loaner tomorrow."));
        var commitment = outcome.Commitments.ShouldHaveSingleItem();
        commitment.Due.ShouldBe(DateTimeOffset.Parse("2026-11-11T17:00:00-05:00"));
        commitment.ReminderAt.ShouldBe(DateTimeOffset.Parse("2026-11-11T16:00:00-05:00"));
        outcome.Tasks.ShouldContain(t => t.Kind == "Promise");
    }

    [Fact]
    public void A_customers_own_promise_is_not_a_commitment()
    {
        var outcome = Process(Received("marco@greenpointbakery.com", "Service agreement", "We'll send over the signed agreement by Friday."));
        outcome.Commitments.ShouldBeEmpty();
        outcome.Extraction.Promises.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_promise_in_the_same_message_always_gets_the_same_key()
    {
        var message = Sent("renee@baysidedental.com", "RE: x", "I'll send the report by Friday.");
        Process(message).Commitments[0].Key.ShouldBe(Process(message).Commitments[0].Key);
    }

    [Fact]
    public void A_meeting_subject_without_calendar_data_is_low_confidence()
    {
        var outcome = Process(Received("olivia@mercerpike.com", "Accepted: onboarding walkthrough", ""));
        outcome.Classification.Category.ShouldBe(Category.Meeting);
        outcome.Exceptions.Select(e => e.Reason).ShouldBe([ExceptionReason.LowConfidence]);
    }

    [Fact]
    public void A_meeting_naming_a_ticket_stays_a_meeting_and_joins_the_tickets_thread()
    {
        var outcome = Process(Received("olivia@quarrylane.com", "Bridge call for INC0012345 - printer outage", "Let's meet at 3pm.") with { Kind = MessageKind.CalendarEvent });

        outcome.Classification.Category.ShouldBe(Category.Meeting);
        outcome.Event.TicketId.ShouldBe("INC0012345");
        outcome.Event.Evidence.ShouldContain("meeting names ServiceNow ticket INC0012345");
        outcome.Ticket.ShouldBeNull();
        outcome.Extraction.Ticket.ShouldBeNull();
    }

    [Fact]
    public void An_oversized_body_is_truncated_with_evidence()
    {
        var outcome = Process(Received("a@quarrylane.com", "long", new string('x', 5_000)), options: new PipelineOptions { MaxBodyChars = 1_000 });
        outcome.Event.Evidence.ShouldContain(e => e.Contains("truncated"));
    }

    [Fact]
    public void An_executable_attachment_is_rejected_and_the_message_still_recorded()
    {
        var message = Received("a@quarrylane.com", "invoice", "see attached") with
        {
            Attachments = [new InboundAttachment { Name = "invoice.exe", Content = [1, 2, 3] }],
        };
        var outcome = Process(message);
        outcome.Attachments.ShouldBeEmpty();
        outcome.Exceptions.ShouldContain(e => e.Reason == ExceptionReason.AttachmentRejected && e.Details.Contains(".exe"));
    }

    [Fact]
    public void Everyone_internal_is_internal_and_their_questions_are_asks()
    {
        var outcome = Process(Received("priya@harborlightit.com", "NAS login", "Do you know which vault entry has it?"));
        outcome.Classification.Category.ShouldBe(Category.Internal);
        outcome.Extraction.Asks.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_long_executable_name_cannot_hide_its_extension()
    {
        var message = Received("a@quarrylane.com", "invoice", "see attached") with
        {
            Attachments = [new InboundAttachment { Name = new string('a', 200) + ".exe", Content = [1] }],
        };
        Process(message).Exceptions.ShouldContain(e => e.Reason == ExceptionReason.AttachmentRejected);
        AttachmentPolicy.SafeName(new string('a', 200) + ".pdf").ShouldEndWith(".pdf");
    }
}
