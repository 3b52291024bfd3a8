using System.Text.Json.Nodes;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Tests.Gmail;

public class GmailMessageMapperTests
{
    private const string Mailbox = "dana@opshelm-msp.com";

    private static InboundMessage Map(string json) => GmailMessageMapper.Map(Fixture.Parse(json), Mailbox, "inbox");

    [Fact]
    public void A_full_message_maps_headers_plain_body_thread_and_held_back_attachment()
    {
        var message = Map(Fixture.Text("Gmail/message-full.json"));

        message.ProviderMessageId.ShouldBe("18c5f2a0b1c2d3e4");
        message.ConversationId.ShouldBe("18c5f29f00aa11bb");
        message.Subject.ShouldBe("RE: INC0012345 - VPN drops every hour");
        message.Body.ShouldStartWith("Hi Dana,\r\nINC0012345 is still open");
        message.BodyIsHtml.ShouldBeFalse();
        message.From.ShouldBe(new Participant("renee.castillo@contoso.com", "Castillo, Renée"));
        message.To.ShouldBe([new Participant("dana@opshelm-msp.com", "Dana Lee"), new Participant("ops@opshelm-msp.com")]);
        message.Cc.ShouldBe([new Participant("sam.ng@contoso.com", "Ng, Sam")]);
        message.SentAt.ShouldBe(new DateTimeOffset(2024, 11, 14, 11, 0, 0, TimeSpan.FromHours(-5)));
        message.ReceivedAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1731600000000));
        message.InternetMessageId.ShouldBe("<CAF=abc123@mail.contoso.com>");
        message.Header("In-Reply-To").ShouldBe("<CAF=abc000@mail.opshelm-msp.com>");
        var attachment = message.Attachments.Single();
        attachment.Id.ShouldBe("ANGjdJ8wXyZ");
        attachment.Name.ShouldBe("vpn-log.png");
        attachment.Size.ShouldBe(48213);
        attachment.Content.ShouldBeNull();
    }

    [Fact]
    public void Without_a_text_plain_part_the_html_part_is_the_body()
    {
        var node = JsonNode.Parse(Fixture.Text("Gmail/message-full.json"))!;
        node["payload"]!["parts"]![0]!["parts"]!.AsArray().RemoveAt(0);

        var message = Map(node.ToJsonString());

        message.BodyIsHtml.ShouldBeTrue();
        message.Body.ShouldContain("<div dir=\"ltr\">");
    }

    [Fact]
    public void Without_a_readable_Date_header_the_internal_date_is_the_sent_time()
    {
        var node = JsonNode.Parse(Fixture.Text("Gmail/message-full.json"))!;
        var headers = node["payload"]!["headers"]!.AsArray();
        headers.Single(h => h!["name"]!.GetValue<string>() == "Date")!["value"] = "sometime last week";

        Map(node.ToJsonString()).SentAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1731600000000));
    }

    [Theory]
    [InlineData(new[] { "INBOX", "UNREAD" }, "inbox")]
    [InlineData(new[] { "SENT" }, "sentitems")]
    [InlineData(new[] { "SENT", "INBOX" }, "sentitems")]
    [InlineData(new[] { "Label_Escalations" }, "Label_Escalations")]
    [InlineData(new[] { "DRAFT" }, null)]
    [InlineData(new[] { "SPAM", "INBOX" }, null)]
    [InlineData(new[] { "CATEGORY_PROMOTIONS" }, null)]
    public void The_folder_comes_from_the_labels(string[] labels, string? folder) =>
        GmailMessageMapper.FolderOf(labels, ["Label_Escalations"]).ShouldBe(folder);

    [Theory]
    [InlineData("""{"threadId":"t","payload":{}}""")]
    [InlineData("""{"id":"x","threadId":"t"}""")]
    [InlineData("""{"id":"x","payload":{"headers":[]}}""")]
    public void A_message_missing_id_payload_or_any_date_is_a_format_error(string json) =>
        Should.Throw<FormatException>(() => Map(json));
}
