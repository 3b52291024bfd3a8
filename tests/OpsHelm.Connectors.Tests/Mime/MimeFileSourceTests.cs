using OpsHelm.Connectors.Mime;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.Mime;

public sealed class MimeFileSourceTests
{
    private static readonly WorkspaceConfig Workspace = new()
    {
        Id = "ws-test",
        Mailboxes = [new MailboxConfig { Id = "m1", Address = "dana.whitfield@harborlightit.com" }],
    };

    internal static async Task<List<SourceBatch>> ReadAllAsync(IMessageSource source, IReadOnlyList<ProcessingState>? states = null, WorkspaceConfig? workspace = null)
    {
        var batches = new List<SourceBatch>();
        await foreach (var batch in source.ReadAsync(workspace ?? Workspace, states ?? [], null, CancellationToken.None))
        {
            batches.Add(batch);
        }
        return batches;
    }

    private static string MboxFixture => Fixture.PathOf(Path.Combine("Mbox", "thunderbird-inbox.mbox"));

    [Fact]
    public async Task A_folder_of_eml_files_is_read_in_file_name_order_naming_each_file()
    {
        var items = (await ReadAllAsync(new MimeFileSource(Fixture.PathOf("Mime")))).SelectMany(b => b.Items).ToList();

        var expected = Directory.GetFiles(Fixture.PathOf("Mime"), "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        expected.Count.ShouldBe(12);
        items.Select(i => i.Origin).ShouldBe(expected);
        items.Select(i => i.Position).ShouldBe(Enumerable.Range(1, 12));
        items.ShouldAllBe(i => i.Message != null && i.Message.Mailbox == "dana.whitfield@harborlightit.com");
    }

    [Fact]
    public async Task An_mbox_gives_its_messages_in_order_with_their_index_and_a_byte_offset_checkpoint()
    {
        var batches = await ReadAllAsync(new MimeFileSource(MboxFixture, batchSize: 3));

        var items = batches.SelectMany(b => b.Items).ToList();
        items.Select(i => i.Origin).ShouldBe(["thunderbird-inbox.mbox#1", "thunderbird-inbox.mbox#2", "thunderbird-inbox.mbox#3", "thunderbird-inbox.mbox#4"]);
        items[0].Message!.Subject.ShouldBe("INC0012345 - Warehouse scanners dropping off Wi-Fi");
        // The escaped body line stays in its message (MimeKit leaves the '>' in place: mboxo and mboxrd cannot be told apart).
        items[0].Message!.Body.ShouldContain(">From the floor: it started");
        items[1].Message!.ConversationId.ShouldBe("<a0c9e8f7-0000-4aaa-8bbb-quarrylane@quarrylane.com>");
        // No Message-ID and no Date: a stable id and the From line's time.
        items[2].Message!.ProviderMessageId.ShouldStartWith("mime-");
        items[2].Message!.SentAt.ShouldBe(new DateTimeOffset(2026, 11, 19, 12, 30, 15, TimeSpan.Zero));

        var bytes = File.ReadAllBytes(MboxFixture);
        var checkpoint = batches[0].Checkpoints.ShouldHaveSingleItem();
        checkpoint.Folder.ShouldBe("mbox:thunderbird-inbox.mbox");
        var offset = long.Parse(checkpoint.Checkpoint.Split('#')[0], System.Globalization.CultureInfo.InvariantCulture);
        checkpoint.Checkpoint.ShouldEndWith("#3");
        System.Text.Encoding.ASCII.GetString(bytes, (int)offset, 26).ShouldBe("From scanner@quarrylane.co");
        batches[1].Checkpoints.ShouldHaveSingleItem().Checkpoint.ShouldEndWith("#4");
    }

    [Fact]
    public async Task Reading_after_an_mbox_checkpoint_starts_with_the_next_message_and_keeps_ids_stable()
    {
        var first = await ReadAllAsync(new MimeFileSource(MboxFixture, batchSize: 2));
        var checkpoint = first[0].Checkpoints.Single();
        var state = new ProcessingState { WorkspaceId = "ws-test", Mailbox = checkpoint.Mailbox, Folder = checkpoint.Folder, Checkpoint = checkpoint.Checkpoint };

        var resumed = (await ReadAllAsync(new MimeFileSource(MboxFixture, batchSize: 2), [state])).SelectMany(b => b.Items).ToList();

        resumed.Select(i => i.Origin).ShouldBe(["thunderbird-inbox.mbox#3", "thunderbird-inbox.mbox#4"]);
        resumed.Select(i => i.ResultId).ShouldBe(first[1].Items.Select(i => i.ResultId));
    }

    [Fact]
    public async Task A_checkpoint_that_no_longer_points_at_a_From_line_reads_the_file_again()
    {
        var state = new ProcessingState { WorkspaceId = "ws-test", Mailbox = "dana.whitfield@harborlightit.com", Folder = "mbox:thunderbird-inbox.mbox", Checkpoint = "17#2" };

        var items = (await ReadAllAsync(new MimeFileSource(MboxFixture), [state])).SelectMany(b => b.Items).ToList();

        items.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_file_that_is_not_mail_becomes_a_failure_naming_it_and_the_rest_is_read()
    {
        using var temp = new TempDirectory();
        File.Copy(Fixture.PathOf(Path.Combine("Mime", "html-only.eml")), Path.Combine(temp.Path, "a.eml"));
        temp.File("b.eml", "");
        File.Copy(Fixture.PathOf(Path.Combine("Mime", "ooo-french.eml")), Path.Combine(temp.Path, "c.eml"));

        var items = (await ReadAllAsync(new MimeFileSource(temp.Path))).SelectMany(b => b.Items).ToList();

        items.Select(i => i.Message is null).ShouldBe([false, true, false]);
        items[1].Failure!.ShouldStartWith("b.eml: ");
        items[1].ResultId.ShouldStartWith("mime-");
        items[1].Origin.ShouldBe("b.eml");
    }

    [Fact]
    public async Task A_file_named_mbox_without_mbox_data_is_one_failure_naming_the_position()
    {
        using var temp = new TempDirectory();
        var path = temp.File("export.mbox", "Subject: not an mbox\r\n\r\nno From line here\r\n");

        var items = (await ReadAllAsync(new MimeFileSource(path))).SelectMany(b => b.Items).ToList();

        var failure = items.ShouldHaveSingleItem();
        failure.Message.ShouldBeNull();
        failure.Failure!.ShouldStartWith("export.mbox#1: not mbox data");
    }

    [Fact]
    public async Task A_Gmail_Takeout_message_labelled_Sent_goes_to_the_Sent_folder()
    {
        using var temp = new TempDirectory();
        var path = temp.File("All mail Including Spam and Trash.mbox",
            "From 1781234567890123456@xxx Mon Nov 16 15:30:00 +0000 2026\nX-GM-THRID: 1781234567890123456\nX-Gmail-Labels: Sent,Opened\n"
            + "From: dana.whitfield@harborlightit.com\nTo: a@quarrylane.com\nSubject: hi\nDate: Mon, 16 Nov 2026 15:30:00 +0000\nMessage-ID: <x@y>\n\nhello\n");

        var message = (await ReadAllAsync(new MimeFileSource(path))).SelectMany(b => b.Items).ShouldHaveSingleItem().Message!;

        message.Folder.ShouldBe("sentitems");
    }
}
