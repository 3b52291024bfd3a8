using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Tests;

public class GraphMessageMapperTests
{
    private const string Mailbox = "dana.whitfield@harborlightit.com";
    private const string MeetingRequest = "graph-meeting-request.json";
    private const string Newsletter = "graph-newsletter-with-headers.json";
    private const string SentWithAttachment = "graph-sent-with-file-attachment.json";

    private static InboundMessage Map(JsonElement message, string folder = "inbox") => GraphMessageMapper.Map(message, Mailbox, folder);

    /// <summary>A fixture's message with <paramref name="edit"/> applied.</summary>
    private static JsonElement Edited(string fixture, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Fixture.Message(fixture).GetRawText())!.AsObject();
        edit(node);
        return Fixture.Parse(node.ToJsonString());
    }

    private static JsonElement WithAttachments(params JsonObject[] attachments) =>
        Edited(SentWithAttachment, m => m["attachments"] = new JsonArray(attachments.Cast<JsonNode?>().ToArray()));

    [Fact]
    public void A_real_meeting_request_maps_id_subject_html_body_participants_dates_and_conversation()
    {
        var message = Map(Fixture.Message(MeetingRequest));

        message.Channel.ShouldBe(Channel.Email);
        message.ProviderMessageId.ShouldBe(
            "AAMkAD2L96hahNYrhrF5goghZO_8PeetK1pdW70F2G8EbJLkkRDPFd9_Ml2RZOmdDnJGIR1A4_aO7hVlumnF-qTrSahWHvrSt83YWdLMist5cBUfkVMbFLyZ5eQFmKsjPrbaa0U3gWRRE3XWx-Oq_sgrAAA=");
        message.Mailbox.ShouldBe(Mailbox);
        message.Folder.ShouldBe("inbox");
        message.Subject.ShouldBe("Quarterly review - Bayside Dental Group");
        message.BodyIsHtml.ShouldBeTrue();
        message.Body.ShouldStartWith("<html>");
        message.Body.ShouldContain("Agenda: backup report, hardware refresh plan, 2027 budget.");
        message.From.ShouldBe(new Participant("renee.castillo@baysidedental.com", "Renée Castillo"));
        message.To.ShouldBe([new Participant("dana.whitfield@harborlightit.com", "Dana Whitfield")]);
        message.Cc.ShouldBe([new Participant("alan.whitcombe@baysidedental.com", "Dr. Alan Whitcombe")]);
        message.Bcc.ShouldBeEmpty();
        message.SentAt.ShouldBe(new DateTimeOffset(2026, 11, 10, 18, 0, 0, TimeSpan.Zero));
        message.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 11, 10, 18, 0, 37, TimeSpan.Zero));
        message.ConversationId.ShouldBe("AAQkADJK0PYvzfJGtGOOvGlu7i-cZWLiwyn-Q8Y2l54wNL4PP2Rn7X60EjyDV5Ccc5_7I3kdNOQ8RwnEePTMbg=");
        message.InternetMessageId.ShouldBe("<BN7PR14MBF72CC0D237121F3D78@BN7PR14MB.namprd14.prod.outlook.com>");
        message.Attachments.ShouldBeEmpty();
    }

    [Fact]
    public void An_eventMessage_is_a_meeting_message_carrying_its_meeting_message_type()
    {
        var message = Map(Fixture.Message(MeetingRequest));

        message.Kind.ShouldBe(MessageKind.MeetingMessage);
        message.MeetingMessageType.ShouldBe("meetingRequest");
    }

    [Fact]
    public void A_message_without_an_odata_type_is_ordinary_mail_without_a_meeting_message_type()
    {
        var message = Map(Fixture.Message(Newsletter));

        message.Kind.ShouldBe(MessageKind.Mail);
        message.MeetingMessageType.ShouldBeNull();
    }

    [Fact]
    public void Internet_message_headers_are_kept_in_order_and_found_by_name_case_insensitively()
    {
        var message = Map(Fixture.Message(Newsletter));

        message.Headers.ShouldBe(
        [
            new MessageHeader("List-Unsubscribe", "<https://mspweekly.com/u?e=dana.whitfield%40harborlightit.com>"),
            new MessageHeader("Precedence", "bulk"),
        ]);
        message.Header("precedence").ShouldBe("bulk");
        message.Header("X-Not-There").ShouldBeNull();
    }

    [Fact]
    public void A_message_without_internet_message_headers_has_no_headers()
    {
        Map(Fixture.Message(MeetingRequest)).Headers.ShouldBeEmpty();
    }

    [Fact]
    public void A_text_body_is_not_flagged_as_html()
    {
        var message = Map(Fixture.Message(SentWithAttachment), "sentitems");

        message.BodyIsHtml.ShouldBeFalse();
        message.Body.ShouldStartWith("Hi Keith,\n\nSerials attached.");
    }

    [Fact]
    public void A_body_content_type_of_HTML_in_capitals_is_still_html()
    {
        var message = Map(Edited(SentWithAttachment, m => m["body"] = new JsonObject { ["contentType"] = "HTML", ["content"] = "<p>x</p>" }));

        message.BodyIsHtml.ShouldBeTrue();
        message.Body.ShouldBe("<p>x</p>");
    }

    [Fact]
    public void A_message_without_a_body_has_an_empty_text_body()
    {
        var message = Map(Edited(SentWithAttachment, m => m.Remove("body")));

        message.Body.ShouldBe("");
        message.BodyIsHtml.ShouldBeFalse();
    }

    [Theory]
    [InlineData("SentItems", "sentitems")]
    [InlineData("Sent Items", "sentitems")]
    [InlineData("sentitems", "sentitems")]
    [InlineData("Sent", "sentitems")]
    [InlineData("Inbox", "inbox")]
    [InlineData("  INBOX ", "inbox")]
    [InlineData("Customers", "Customers")]
    [InlineData(" Customers/Bayside ", "Customers/Bayside")]
    public void Well_known_folder_names_are_normalized_and_custom_folders_are_kept(string folder, string expected)
    {
        GraphMessageMapper.NormalizeFolder(folder).ShouldBe(expected);
        Map(Fixture.Message(SentWithAttachment), folder).Folder.ShouldBe(expected);
    }

    [Fact]
    public void A_message_read_from_Sent_Items_is_sent_by_us()
    {
        Map(Fixture.Message(SentWithAttachment), "Sent Items").IsSentByUs.ShouldBeTrue();
        Map(Fixture.Message(MeetingRequest), "Inbox").IsSentByUs.ShouldBeFalse();
    }

    [Fact]
    public void A_file_attachment_has_its_content_bytes_decoded_and_its_metadata_kept()
    {
        var message = Map(Fixture.Message(SentWithAttachment), "sentitems");

        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Id.ShouldStartWith("AAMkAD_ybG7z");
        attachment.Name.ShouldBe("bayside-serials.csv");
        attachment.ContentType.ShouldBe("text/csv");
        attachment.Size.ShouldBe(244);
        attachment.IsInline.ShouldBeFalse();
        attachment.ContentError.ShouldBeNull();
        attachment.Content.ShouldNotBeNull();
        Encoding.UTF8.GetString(attachment.Content).ShouldBe("device,serial\nfw-front,FGT60F0000112233\nfw-lab,FGT60F0000112244\n");
    }

    [Fact]
    public void A_file_attachment_with_invalid_base64_gets_a_content_error_instead_of_an_exception()
    {
        var message = Map(WithAttachments(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.fileAttachment",
            ["name"] = "broken.pdf",
            ["contentType"] = "application/pdf",
            ["size"] = 10,
            ["contentBytes"] = "this is *not* base64!",
        }));

        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Name.ShouldBe("broken.pdf");
        attachment.Content.ShouldBeNull();
        attachment.ContentError.ShouldNotBeNull();
        attachment.ContentError.ShouldContain("base64");
    }

    [Fact]
    public void An_item_attachment_is_kept_as_metadata_without_content()
    {
        var message = Map(WithAttachments(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.itemAttachment",
            ["id"] = "item-1",
            ["name"] = "FW: Firewall renewal quote",
            ["contentType"] = null,
            ["size"] = 51234,
            ["isInline"] = false,
        }));

        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Id.ShouldBe("item-1");
        attachment.Name.ShouldBe("FW: Firewall renewal quote");
        attachment.ContentType.ShouldBe("application/octet-stream");
        attachment.Size.ShouldBe(51234);
        attachment.Content.ShouldBeNull();
        attachment.ContentError.ShouldBeNull();
    }

    [Fact]
    public void An_item_attachment_carrying_content_bytes_is_still_not_decoded()
    {
        var message = Map(WithAttachments(new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.itemAttachment",
            ["name"] = "embedded",
            ["contentBytes"] = "aGVsbG8=",
        }));

        message.Attachments.ShouldHaveSingleItem().Content.ShouldBeNull();
    }

    [Fact]
    public void An_attachment_without_a_type_is_read_as_a_file_attachment_with_a_default_name_and_its_decoded_size()
    {
        var message = Map(WithAttachments(new JsonObject { ["contentBytes"] = "aGVsbG8=", ["isInline"] = true }));

        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Name.ShouldBe("attachment");
        attachment.IsInline.ShouldBeTrue();
        attachment.Content.ShouldBe("hello"u8.ToArray());
        attachment.Size.ShouldBe(5);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"244\"")]
    [InlineData("true")]
    public void An_attachment_size_that_is_not_a_number_falls_back_to_the_decoded_length_instead_of_throwing(string size)
    {
        var message = Map(Edited(SentWithAttachment, m => m["attachments"]![0]!["size"] = JsonNode.Parse(size)));

        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Size.ShouldBe(attachment.Content!.LongLength);
    }

    [Fact]
    public void A_message_without_an_id_is_a_format_exception_naming_id()
    {
        var ex = Should.Throw<FormatException>(() => Map(Edited(MeetingRequest, m => m.Remove("id"))));

        ex.Message.ShouldContain("'id'");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_message_whose_id_is_blank_or_not_a_string_is_a_format_exception_naming_id(string id)
    {
        var ex = Should.Throw<FormatException>(() => Map(Edited(MeetingRequest, m => m["id"] = JsonNode.Parse(id))));

        ex.Message.ShouldContain("'id'");
    }

    [Theory]
    [InlineData("sentDateTime")]
    [InlineData("receivedDateTime")]
    public void A_date_that_cannot_be_read_is_a_format_exception_naming_the_field(string field)
    {
        var ex = Should.Throw<FormatException>(() => Map(Edited(MeetingRequest, m => m[field] = "the tenth of never")));

        ex.Message.ShouldContain($"'{field}'");
        ex.Message.ShouldContain("the tenth of never");
    }

    [Fact]
    public void A_message_without_any_date_is_a_format_exception_naming_sentDateTime()
    {
        var message = Edited(MeetingRequest, m =>
        {
            m.Remove("sentDateTime");
            m.Remove("receivedDateTime");
            m.Remove("createdDateTime");
        });

        Should.Throw<FormatException>(() => Map(message)).Message.ShouldContain("'sentDateTime'");
    }

    [Fact]
    public void Without_a_sentDateTime_the_received_time_is_the_sent_time()
    {
        var message = Map(Edited(MeetingRequest, m => m.Remove("sentDateTime")));

        message.SentAt.ShouldBe(new DateTimeOffset(2026, 11, 10, 18, 0, 37, TimeSpan.Zero));
    }

    [Fact]
    public void A_date_without_an_offset_is_read_as_UTC_and_an_offset_is_kept()
    {
        Map(Edited(MeetingRequest, m => m["sentDateTime"] = "2026-11-10T18:00:00")).SentAt
            .ShouldBe(new DateTimeOffset(2026, 11, 10, 18, 0, 0, TimeSpan.Zero));
        Map(Edited(MeetingRequest, m => m["sentDateTime"] = "2026-11-10T13:00:00-05:00")).SentAt
            .ShouldBe(new DateTimeOffset(2026, 11, 10, 13, 0, 0, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void Without_from_the_sender_is_the_sender()
    {
        var message = Map(Edited(MeetingRequest, m =>
        {
            m.Remove("from");
            m["sender"] = JsonNode.Parse("""{ "emailAddress": { "name": "Front Desk", "address": " frontdesk@baysidedental.com " } }""");
        }));

        message.From.ShouldBe(new Participant("frontdesk@baysidedental.com", "Front Desk"));
    }

    [Fact]
    public void A_from_without_an_address_falls_back_to_the_sender()
    {
        var message = Map(Edited(MeetingRequest, m => m["from"] = JsonNode.Parse("""{ "emailAddress": { "name": "Nobody" } }""")));

        message.From!.Address.ShouldBe("renee.castillo@baysidedental.com");
    }

    [Fact]
    public void Without_from_or_sender_there_is_no_sender()
    {
        var message = Map(Edited(MeetingRequest, m =>
        {
            m.Remove("from");
            m.Remove("sender");
        }));

        message.From.ShouldBeNull();
    }

    [Fact]
    public void Recipients_without_an_address_are_skipped()
    {
        var message = Map(Edited(MeetingRequest, m => m["toRecipients"] = JsonNode.Parse(
            """[ { "emailAddress": { "name": "No Address" } }, "junk", { "emailAddress": { "address": "ops@harborlightit.com" } } ]""")));

        message.To.ShouldBe([new Participant("ops@harborlightit.com")]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void A_message_that_is_not_an_object_is_a_format_exception(string json)
    {
        Should.Throw<FormatException>(() => Map(Fixture.Parse(json))).Message.ShouldContain("'message'");
    }
}
