using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Messages;

namespace OpsHelm.Connectors.Tests;

public class ReplayLineReaderTests
{
    private const string File = "replay-input.jsonl";
    private const string WhatsAppNumber = "+12125550100";

    private static ReplayLineReader Reader(int maxLineChars = 1024 * 1024) => new(File, WhatsAppNumber, maxLineChars);

    private static void ShouldBeFailure(SourceItem item, int line, string why)
    {
        item.Message.ShouldBeNull();
        item.Position.ShouldBe(line);
        item.ResultId.ShouldBe($"line:{line}");
        item.Failure.ShouldNotBeNull();
        item.Failure.ShouldContain(File);
        item.Failure.ShouldContain($"line {line}");
        item.Failure.ShouldContain(why);
        item.RawFingerprint.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_graph_line_becomes_its_message_with_mailbox_and_normalized_folder()
    {
        var line = Fixture.Text("graph-sent-with-file-attachment.json").Replace("\"folder\": \"sentitems\"", "\"folder\": \"Sent Items\"");

        var item = Reader().Read(line, 33);

        item.Failure.ShouldBeNull();
        item.RawFingerprint.ShouldBeNull();
        item.Position.ShouldBe(33);
        item.Message.ShouldNotBeNull();
        item.Message.Channel.ShouldBe(Channel.Email);
        item.Message.Mailbox.ShouldBe("dana.whitfield@harborlightit.com");
        item.Message.Folder.ShouldBe("sentitems");
        item.ResultId.ShouldBe(item.Message.ProviderMessageId);
    }

    [Fact]
    public void A_graph_line_without_a_folder_is_read_from_the_inbox()
    {
        var item = Reader().Read("""{ "mailbox": "a@b.com", "message": { "id": "m1", "sentDateTime": "2026-11-10T18:00:00Z" } }""", 1);

        item.Message!.Folder.ShouldBe("inbox");
        item.Message.Mailbox.ShouldBe("a@b.com");
    }

    [Fact]
    public void A_whatsapp_line_becomes_a_chat_message_to_the_workspace_number_with_the_contact_name()
    {
        var item = Reader().Read(Fixture.Text("whatsapp-text.json"), 31);

        item.Failure.ShouldBeNull();
        item.Message.ShouldNotBeNull();
        item.Message.Channel.ShouldBe(Channel.WhatsApp);
        item.Message.Mailbox.ShouldBe(WhatsAppNumber);
        item.Message.From.ShouldBe(new Participant("+15165550127", "Renée Castillo"));
    }

    [Fact]
    public void Invalid_json_is_a_parse_failure_naming_file_and_line()
    {
        ShouldBeFailure(Reader().Read("""{ "mailbox": "a@b.com", "message": { "id": """, 7), 7, "not valid JSON");
    }

    [Fact]
    public void The_truncated_sample_line_is_a_parse_failure_naming_file_and_line()
    {
        ShouldBeFailure(Reader().Read(Fixture.Text("truncated-line.jsonl"), 24), 24, "not valid JSON");
    }

    [Fact]
    public void A_json_array_line_is_a_parse_failure_naming_file_and_line()
    {
        ShouldBeFailure(Reader().Read("""[ { "message": { "id": "m1" } } ]""", 3), 3, "not a JSON object");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"message\"")]
    [InlineData("null")]
    public void A_scalar_line_is_a_parse_failure(string line)
    {
        ShouldBeFailure(Reader().Read(line, 2), 2, "not a JSON object");
    }

    [Fact]
    public void A_line_without_a_message_is_a_parse_failure_naming_file_and_line()
    {
        ShouldBeFailure(Reader().Read("""{ "mailbox": "a@b.com", "folder": "inbox" }""", 12), 12, "'message'");
    }

    [Fact]
    public void A_line_without_a_message_id_is_a_parse_failure_naming_file_and_line()
    {
        ShouldBeFailure(Reader().Read("""{ "mailbox": "a@b.com", "message": { "subject": "hi", "sentDateTime": "2026-11-10T18:00:00Z" } }""", 9), 9, "'id'");
    }

    [Fact]
    public void A_line_with_a_bad_date_is_a_parse_failure_naming_the_field()
    {
        ShouldBeFailure(Reader().Read("""{ "mailbox": "a@b.com", "message": { "id": "m1", "sentDateTime": "Tuesdayish" } }""", 4), 4, "'sentDateTime'");
    }

    [Fact]
    public void A_whatsapp_line_without_a_timestamp_is_a_parse_failure_naming_timestamp()
    {
        ShouldBeFailure(Reader().Read("""{ "channel": "whatsapp", "message": { "id": "wamid.1", "from": "15165550127", "type": "text" } }""", 5), 5, "'timestamp'");
    }

    [Fact]
    public void A_whatsapp_line_with_an_out_of_range_timestamp_is_a_parse_failure_not_a_crash()
    {
        var line = """{ "channel": "whatsapp", "message": { "id": "wamid.1", "from": "15165550127", "timestamp": "99999999999999999", "type": "text" } }""";

        ShouldBeFailure(Reader().Read(line, 6), 6, "'timestamp'");
    }

    [Fact]
    public void A_graph_line_with_an_attachment_size_that_is_not_a_number_is_still_read()
    {
        var line = """
            { "mailbox": "a@b.com", "message": { "id": "m1", "sentDateTime": "2026-11-10T18:00:00Z",
              "attachments": [ { "@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt", "size": null, "contentBytes": "aGVsbG8=" } ] } }
            """.ReplaceLineEndings(" ");

        var item = Reader().Read(line, 8);

        item.Failure.ShouldBeNull();
        item.Message!.Attachments.ShouldHaveSingleItem().Size.ShouldBe(5);
    }

    [Fact]
    public void A_line_over_the_size_limit_is_a_parse_failure_naming_file_line_and_limit()
    {
        var line = $$"""{ "mailbox": "a@b.com", "message": { "id": "m1", "subject": "{{new string('x', 200)}}" } }""";

        ShouldBeFailure(Reader(maxLineChars: 100).Read(line, 15), 15, "over the 100-character limit");
    }

    [Fact]
    public void A_line_exactly_at_the_size_limit_is_read()
    {
        var line = """{ "mailbox": "a@b.com", "message": { "id": "m1", "sentDateTime": "2026-11-10T18:00:00Z" } }""";

        Reader(maxLineChars: line.Length).Read(line, 1).Message.ShouldNotBeNull();
    }

    [Fact]
    public void A_line_nested_too_deeply_is_a_parse_failure()
    {
        var line = """{ "message": """ + new string('[', 100) + new string(']', 100) + " }";

        ShouldBeFailure(Reader().Read(line, 10), 10, "not valid JSON");
    }

    [Fact]
    public void The_fingerprint_is_the_same_for_the_same_bad_line_and_different_for_different_ones()
    {
        var reader = Reader();
        var first = reader.Read("{ not json", 1);
        var again = reader.Read("{ not json", 1);
        var elsewhere = Reader().Read("{ not json", 40);
        var other = reader.Read("{ not json either", 1);
        var noMessage = reader.Read("""{ "mailbox": "a@b.com" }""", 1);

        again.RawFingerprint.ShouldBe(first.RawFingerprint);
        elsewhere.RawFingerprint.ShouldBe(first.RawFingerprint);
        other.RawFingerprint.ShouldNotBe(first.RawFingerprint);
        noMessage.RawFingerprint.ShouldNotBe(first.RawFingerprint);
        first.RawFingerprint!.Length.ShouldBe(32);
        first.RawFingerprint.ShouldMatch("^[0-9a-f]{32}$");
    }
}
