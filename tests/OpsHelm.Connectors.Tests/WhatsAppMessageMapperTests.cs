using System.Text.Json;
using System.Text.Json.Nodes;
using OpsHelm.Connectors.WhatsApp;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Tests;

public class WhatsAppMessageMapperTests
{
    private const string BusinessNumber = "+12125550100";
    private const string TextFixture = "whatsapp-text.json";

    private static JsonElement Contacts => Fixture.Line(TextFixture).GetProperty("contacts");

    private static InboundMessage Map(JsonElement message, JsonElement contacts = default) =>
        WhatsAppMessageMapper.Map(message, contacts, BusinessNumber);

    private static JsonElement Edited(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Fixture.Message(TextFixture).GetRawText())!.AsObject();
        edit(node);
        return Fixture.Parse(node.ToJsonString());
    }

    [Fact]
    public void A_text_message_maps_id_body_sender_number_and_chat_channel()
    {
        var message = Map(Fixture.Message(TextFixture), Contacts);

        message.Channel.ShouldBe(Channel.WhatsApp);
        message.ProviderMessageId.ShouldBe("wamid.HBgLgh7aQ8k_fi3qd2Hy-7oQyHXgyOGYVPVUAS9VJAtzWTIDgAwUPynseD0z");
        message.Body.ShouldBe("Hi Dana, any update on Ticket #310245? The loaner is fine but it's very slow");
        message.BodyIsHtml.ShouldBeFalse();
        message.Subject.ShouldBe("");
        message.From!.Address.ShouldBe("+15165550127");
        message.Mailbox.ShouldBe(BusinessNumber);
        message.Folder.ShouldBe("whatsapp");
        message.To.ShouldBe([new Participant(BusinessNumber)]);
        message.ConversationId.ShouldBe("wa:+15165550127");
        message.Attachments.ShouldBeEmpty();
        message.Kind.ShouldBe(MessageKind.Mail);
        message.RepliesTo.ShouldBeNull();
    }

    [Fact]
    public void A_reply_names_the_message_it_answers()
    {
        var reply = Map(Edited(m => m["context"] = new JsonObject { ["from"] = "15165550127", ["id"] = "wamid.earlier" }));
        reply.RepliesTo.ShouldBe("wamid.earlier");
    }

    [Fact]
    public void The_sender_name_comes_from_the_contact_with_the_same_wa_id()
    {
        var contacts = Fixture.Parse("""
            [ { "profile": { "name": "Someone Else" }, "wa_id": "15165550999" },
              { "profile": { "name": "Renée Castillo" }, "wa_id": "15165550127" } ]
            """);

        Map(Fixture.Message(TextFixture), contacts).From.ShouldBe(new Participant("+15165550127", "Renée Castillo"));
    }

    [Fact]
    public void Without_a_matching_contact_the_sender_has_no_name()
    {
        var contacts = Fixture.Parse("""[ { "profile": { "name": "Someone Else" }, "wa_id": "15165550999" } ]""");

        Map(Fixture.Message(TextFixture), contacts).From!.Name.ShouldBeNull();
        Map(Fixture.Message(TextFixture)).From!.Name.ShouldBeNull();
    }

    [Theory]
    [InlineData("1 (516) 555-0127", "+15165550127")]
    [InlineData("15165550127", "+15165550127")]
    [InlineData("+1 516-555-0127", "+15165550127")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Phone_numbers_are_normalised_to_E164(string number, string expected)
    {
        WhatsAppMessageMapper.E164(number).ShouldBe(expected);
    }

    [Fact]
    public void A_sender_number_with_punctuation_is_normalised_to_E164()
    {
        Map(Edited(m => m["from"] = "1 (516) 555-0127")).From!.Address.ShouldBe("+15165550127");
    }

    [Fact]
    public void The_unix_timestamp_is_the_sent_time_in_UTC()
    {
        var message = Map(Fixture.Message(TextFixture), Contacts);

        message.SentAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1794582600));
        message.SentAt.ShouldBe(new DateTimeOffset(2026, 11, 13, 15, 10, 0, TimeSpan.Zero));
        message.SentAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void An_image_message_has_one_attachment_with_its_mime_type_and_the_caption_as_body()
    {
        var message = Map(Fixture.Parse("""
            { "from": "15165550127", "id": "wamid.image-1", "timestamp": "1794582600", "type": "image",
              "image": { "caption": "Error on the front desk PC", "mime_type": "image/jpeg", "sha256": "abc", "id": "media-1" } }
            """), Contacts);

        message.Body.ShouldBe("Error on the front desk PC");
        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Id.ShouldBe("media-1");
        attachment.Name.ShouldBe("image-media-1");
        attachment.ContentType.ShouldBe("image/jpeg");
        attachment.Content.ShouldBeNull();
    }

    [Fact]
    public void A_document_message_has_one_attachment_with_its_filename_and_mime_type_and_the_caption_as_body()
    {
        var message = Map(Fixture.Parse("""
            { "from": "15165550127", "id": "wamid.doc-1", "timestamp": "1794582600", "type": "document",
              "document": { "caption": "Signed quote", "filename": "quote-2026-118.pdf", "mime_type": "application/pdf", "id": "media-2" } }
            """), Contacts);

        message.Body.ShouldBe("Signed quote");
        var attachment = message.Attachments.ShouldHaveSingleItem();
        attachment.Id.ShouldBe("media-2");
        attachment.Name.ShouldBe("quote-2026-118.pdf");
        attachment.ContentType.ShouldBe("application/pdf");
    }

    [Fact]
    public void A_document_without_a_caption_has_an_empty_body()
    {
        var message = Map(Fixture.Parse("""
            { "from": "15165550127", "id": "wamid.doc-2", "timestamp": "1794582600", "type": "document",
              "document": { "filename": "log.txt", "mime_type": "text/plain", "id": "media-3" } }
            """));

        message.Body.ShouldBe("");
        message.Attachments.ShouldHaveSingleItem().Name.ShouldBe("log.txt");
    }

    [Fact]
    public void A_message_of_an_unsupported_type_has_no_body_and_no_attachment()
    {
        var message = Map(Fixture.Parse("""
            { "from": "15165550127", "id": "wamid.loc-1", "timestamp": "1794582600", "type": "location",
              "location": { "latitude": 40.7, "longitude": -73.9 } }
            """));

        message.Body.ShouldBe("");
        message.Attachments.ShouldBeEmpty();
    }

    [Fact]
    public void A_message_without_an_id_is_a_format_exception_naming_id()
    {
        Should.Throw<FormatException>(() => Map(Edited(m => m.Remove("id")))).Message.ShouldContain("'id'");
    }

    [Fact]
    public void A_message_without_a_sender_is_a_format_exception_naming_from()
    {
        Should.Throw<FormatException>(() => Map(Edited(m => m.Remove("from")))).Message.ShouldContain("'from'");
    }

    [Fact]
    public void A_message_without_a_timestamp_is_a_format_exception_naming_timestamp()
    {
        Should.Throw<FormatException>(() => Map(Edited(m => m.Remove("timestamp")))).Message.ShouldContain("'timestamp'");
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"-5\"")]
    [InlineData("\"1794582600.5\"")]
    [InlineData("\"99999999999999999\"")]
    public void A_timestamp_that_is_not_unix_seconds_in_range_is_a_format_exception_naming_timestamp(string timestamp)
    {
        var message = Edited(m => m["timestamp"] = JsonNode.Parse(timestamp));

        Should.Throw<FormatException>(() => Map(message)).Message.ShouldContain("'timestamp'");
    }

    [Fact]
    public void A_message_that_is_not_an_object_is_a_format_exception()
    {
        Should.Throw<FormatException>(() => Map(Fixture.Parse("[]"))).Message.ShouldContain("'message'");
    }
}
