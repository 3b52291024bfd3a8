using MimeKit;
using OpsHelm.Connectors.Mime;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Tests.Mime;

public sealed class MimeMessageMapperTests
{
    private const string Mailbox = "dana.whitfield@harborlightit.com";

    internal static InboundMessage MapFixture(string name, string folder = "inbox")
    {
        var mime = MimeMessage.Load(MimeFileSource.ParserOptionsFor(MimeLimits.Default), Fixture.PathOf(Path.Combine("Mime", name)));
        return MimeMessageMapper.Map(mime, Mailbox, folder, "fallback-id", receivedAt: null);
    }

    [Fact]
    public void A_Postfix_bounce_names_the_failed_recipient_its_status_and_the_returned_message()
    {
        var message = MapFixture("dsn-postfix.eml");

        message.DeliveryReport.ShouldNotBeNull();
        message.DeliveryReport.Recipients.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            r => r.Address.ShouldBe("r.okafor@quarrylane.com"),
            r => r.Action.ShouldBe("failed"),
            r => r.Status.ShouldBe("5.1.1"),
            r => r.Diagnostic!.ShouldContain("User unknown"));
        message.DeliveryReport.OriginalMessageId.ShouldBe("<c81f2e0a-5b1d-4b8e-9f3a-2d7e6a1c0b44@harborlightit.com>");
        message.DeliveryReport.OriginalFrom!.Address.ShouldBe(Mailbox);
        // The bounce joins the thread of the message it returns (its References root).
        message.ConversationId.ShouldBe("<a0c9e8f7-0000-4aaa-8bbb-quarrylane@quarrylane.com>");
        message.Header("Content-Type")!.ShouldContain("report-type=delivery-status");
        message.Body.ShouldContain("could not");
    }

    [Fact]
    public void An_Exchange_bounce_reads_the_returned_headers_from_text_rfc822_headers()
    {
        var message = MapFixture("dsn-exchange.eml");

        message.DeliveryReport.ShouldNotBeNull();
        var recipient = message.DeliveryReport.Recipients.ShouldHaveSingleItem();
        recipient.Address.ShouldBe("office@mercerpike.com");
        recipient.Status.ShouldBe("5.1.10");
        message.DeliveryReport.OriginalMessageId.ShouldBe("<7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d@harborlightit.com>");
        message.ConversationId.ShouldBe("<7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d@harborlightit.com>");
        message.BodyIsHtml.ShouldBeFalse();
        message.Body.ShouldStartWith("Your message to office@mercerpike.com couldn't be delivered.");
    }

    [Fact]
    public void An_auto_reply_keeps_its_Auto_Submitted_header()
    {
        var message = MapFixture("auto-reply-auto-submitted.eml");

        message.Header("Auto-Submitted").ShouldBe("auto-replied (vacation)");
        message.ConversationId.ShouldBe("<5e4d3c2b-1a09-4f8e-b7c6-d5e4f3a2b1c0@harborlightit.com>");
    }

    [Fact]
    public void A_French_out_of_office_is_decoded_from_RFC_2047_and_ISO_8859_1_quoted_printable()
    {
        var message = MapFixture("ooo-french.eml");

        message.Subject.ShouldBe("Réponse automatique\u00a0: Renouvellement des licences Microsoft 365");
        message.From!.Name.ShouldBe("Élodie Lefèvre");
        message.Body.ShouldContain("Je suis absente du bureau jusqu'au 30 novembre et n'aurai qu'un accès limité");
        message.Header("Auto-Submitted").ShouldBe("auto-replied");
        // No References: In-Reply-To is the thread.
        message.ConversationId.ShouldBe("<9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d@harborlightit.com>");
    }

    [Fact]
    public void A_Teams_invitation_is_a_meeting_request_with_its_calendar_part_attached()
    {
        var message = MapFixture("teams-invite.eml");

        message.Kind.ShouldBe(MessageKind.MeetingMessage);
        message.MeetingMessageType.ShouldBe("meetingRequest");
        var calendar = message.Attachments.ShouldHaveSingleItem();
        calendar.ContentType.ShouldBe("text/calendar");
        calendar.Name.ShouldBe("invite.ics");
        System.Text.Encoding.UTF8.GetString(calendar.Content!).ShouldContain("METHOD:REQUEST");
        message.BodyIsHtml.ShouldBeFalse();
        message.Body.ShouldContain("Microsoft Teams meeting");
    }

    [Fact]
    public void A_cancellation_is_a_cancelled_meeting_message()
    {
        var message = MapFixture("cancellation.eml");

        message.Kind.ShouldBe(MessageKind.MeetingMessage);
        message.MeetingMessageType.ShouldBe("meetingCancelled");
    }

    [Fact]
    public void A_newsletter_keeps_its_list_headers_and_prefers_the_text_part()
    {
        var message = MapFixture("newsletter-list-unsubscribe.eml");

        message.Header("List-Unsubscribe")!.ShouldStartWith("<https://sysadminweekly.us21.list-manage.com/unsubscribe");
        message.Header("Precedence").ShouldBe("bulk");
        message.Subject.ShouldBe("Patch Tuesday digest: what’s new in November");
        message.BodyIsHtml.ShouldBeFalse();
    }

    [Fact]
    public void An_HTML_only_message_is_decoded_from_windows_1252_and_kept_as_HTML_text()
    {
        var message = MapFixture("html-only.eml");

        message.BodyIsHtml.ShouldBeTrue();
        message.Body.ShouldContain("Our “scan to email” on the copier stopped working this morning – it says “SMTP auth failed”.");
        message.From.ShouldBe(new Participant("tomas@greenpointbakery.com", "Tomás Ortega"));
    }

    [Fact]
    public void A_signed_S_MIME_message_gives_its_signed_text_and_no_signature_attachment()
    {
        var message = MapFixture("smime-signed.eml");

        message.Body.ShouldContain("INC0012399 is still open on our side");
        message.Attachments.ShouldBeEmpty();
        message.Header("Content-Type")!.ShouldStartWith("multipart/signed");
    }

    [Fact]
    public void A_TNEF_winmail_dat_is_unpacked_into_its_body_and_files()
    {
        var message = MapFixture("tnef-winmail-dat.eml");

        message.Body.ShouldContain("the firewall export you asked for is attached");
        var file = message.Attachments.ShouldHaveSingleItem();
        file.Name.ShouldBe("fw-rules.csv");
        System.Text.Encoding.ASCII.GetString(file.Content!).ShouldStartWith("rule,source,destination,action");
    }

    [Fact]
    public void Headers_in_three_charsets_are_decoded()
    {
        var message = MapFixture("rfc2047-three-charsets.eml");

        message.From!.Name.ShouldBe("Ольга Смирнова");
        message.To.Select(t => t.Name).ShouldBe(["Jürgen Müller", "Dana Whitfield"]);
        message.Cc.ShouldHaveSingleItem().Name.ShouldBe("田中 太郎");
        message.Subject.ShouldBe("Grüße aus dem Lager: сканеры ✓ erledigt");
        message.Body.ShouldStartWith("Сканеры на складе снова работают.");
    }

    [Fact]
    public void Without_a_Message_ID_or_a_Date_the_fallback_id_and_the_Received_time_are_used()
    {
        var message = MapFixture("no-message-id-empty-date.eml");

        message.ProviderMessageId.ShouldBe("fallback-id");
        message.InternetMessageId.ShouldBeNull();
        message.ConversationId.ShouldBeNull();
        message.SentAt.ShouldBe(new DateTimeOffset(2026, 11, 19, 7, 30, 15, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void A_reply_is_threaded_by_the_first_References_id()
    {
        var mime = MimeMessage.Load(new MemoryStream("""
            From: a@quarrylane.com
            To: dana.whitfield@harborlightit.com
            Subject: Re: Re: scanners
            Message-ID: <third@quarrylane.com>
            In-Reply-To: <second@harborlightit.com>
            References: <first@quarrylane.com> <second@harborlightit.com>
            Date: Wed, 18 Nov 2026 10:00:00 +0000

            ok
            """u8.ToArray()));

        var message = MimeMessageMapper.Map(mime, Mailbox, "inbox", "x", null);

        message.ConversationId.ShouldBe("<first@quarrylane.com>");
        message.ProviderMessageId.ShouldBe("third@quarrylane.com");
        message.InternetMessageId.ShouldBe("<third@quarrylane.com>");
    }

    [Fact]
    public void Attachment_names_lose_paths_and_direction_overrides_and_large_content_is_not_kept()
    {
        var builder = new BodyBuilder { TextBody = "see attached" };
        builder.Attachments.Add("..\\..\\invoice\u202Efdp.exe", new byte[2048], new ContentType("application", "octet-stream"));
        var mime = new MimeMessage([new MailboxAddress("A", "a@quarrylane.com")], [new MailboxAddress("D", Mailbox)], "files", builder.ToMessageBody());

        var message = MimeMessageMapper.Map(mime, Mailbox, "inbox", "x", null, MimeLimits.Default with { MaxAttachmentBytes = 1024 });

        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Name.ShouldBe("invoice_fdp.exe");
        attachment.Content.ShouldBeNull();
        attachment.ContentError!.ShouldContain("over the 1024-byte limit");
    }
}
