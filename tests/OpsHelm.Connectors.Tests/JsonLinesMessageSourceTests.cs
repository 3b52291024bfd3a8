using System.Text;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests;

public sealed class JsonLinesMessageSourceTests : IDisposable
{
    private const string Mailbox = "dana.whitfield@harborlightit.com";
    private const string WhatsAppNumber = "+1 212-555-0100";
    private const string WhatsAppNumberE164 = "+12125550100";

    private static readonly WorkspaceConfig Workspace = new()
    {
        Id = "ws-test",
        WhatsApp = new WhatsAppConfig { DisplayNumber = WhatsAppNumber },
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Graph(string id, string folder) =>
        $$"""{ "mailbox": "{{Mailbox}}", "folder": "{{folder}}", "message": { "id": "{{id}}", "subject": "s", "sentDateTime": "2026-11-10T18:00:00Z" } }""";

    private static string WhatsApp(string id) =>
        $$"""{ "channel": "whatsapp", "message": { "id": "{{id}}", "from": "15165550127", "timestamp": "1794582600", "type": "text", "text": { "body": "hi" } }, "contacts": [] }""";

    /// <summary>Five lines: two mails, a blank line, a malformed line and a WhatsApp message.</summary>
    private string FiveLineFile(string newline = "\n") => _temp.File("five.jsonl", string.Join(newline,
        Graph("m1", "inbox"),
        Graph("m2", "Sent Items"),
        "   ",
        """{ "mailbox": "x", "message": { "id": """,
        WhatsApp("w1")) + newline);

    private static async Task<List<SourceBatch>> ReadAll(IMessageSource source, WorkspaceConfig? workspace = null,
        IReadOnlyList<Core.Records.ProcessingState>? states = null, DateTimeOffset? since = null)
    {
        var batches = new List<SourceBatch>();
        await foreach (var batch in source.ReadAsync(workspace ?? Workspace, states ?? [], since, CancellationToken.None))
        {
            batches.Add(batch);
        }
        return batches;
    }

    [Fact]
    public async Task A_file_with_a_blank_and_a_malformed_line_yields_every_other_line_in_file_order_with_its_line_number()
    {
        var batches = await ReadAll(new JsonLinesMessageSource(FiveLineFile()));

        var items = batches.SelectMany(b => b.Items).ToList();
        items.Select(i => i.Position).ShouldBe([1, 2, 4, 5]);
        items.Select(i => i.ResultId).ShouldBe(["m1", "m2", "line:4", "w1"]);
        items[2].Message.ShouldBeNull();
        items[2].Failure.ShouldNotBeNull();
        items[2].Failure!.ShouldContain("five.jsonl line 4");
        items[1].Message!.Folder.ShouldBe("sentitems");
        items[3].Message!.Mailbox.ShouldBe(WhatsAppNumberE164);
    }

    [Fact]
    public async Task Windows_line_endings_and_a_byte_order_mark_are_read_the_same()
    {
        var path = FiveLineFile("\r\n");
        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(path, CancellationToken.None),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), CancellationToken.None);

        var items = (await ReadAll(new JsonLinesMessageSource(path))).SelectMany(b => b.Items).ToList();

        items.Select(i => i.ResultId).ShouldBe(["m1", "m2", "line:4", "w1"]);
    }

    [Fact]
    public async Task Items_come_in_batches_of_the_configured_size_with_the_remainder_last()
    {
        var lines = Enumerable.Range(1, 7).Select(i => Graph($"m{i}", "inbox"));
        var path = _temp.File("seven.jsonl", string.Join("\n", lines));

        var batches = await ReadAll(new JsonLinesMessageSource(path, batchSize: 3));

        batches.Select(b => b.Items.Count).ShouldBe([3, 3, 1]);
        batches.SelectMany(b => b.Items).Select(i => i.Position).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
    }

    [Fact]
    public async Task A_page_ends_at_its_byte_limit_before_its_line_limit_so_large_lines_make_small_pages()
    {
        var lines = Enumerable.Range(1, 7).Select(i => Graph($"m{i}", "inbox")).ToList();
        var path = _temp.File("seven.jsonl", string.Join("\n", lines));
        var lineBytes = Encoding.UTF8.GetByteCount(lines[0]) + 1;

        var batches = await ReadAll(new JsonLinesMessageSource(path, batchSize: 100, maxBatchBytes: 2 * lineBytes));

        batches.Select(b => b.Items.Count).ShouldBe([2, 2, 2, 1]);
        batches.SelectMany(b => b.Items).Select(i => i.Position).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
    }

    [Fact]
    public async Task Blank_lines_do_not_count_towards_a_batch()
    {
        var batches = await ReadAll(new JsonLinesMessageSource(FiveLineFile(), batchSize: 2));

        batches.Select(b => string.Join(",", b.Items.Select(i => i.Position))).ShouldBe(["1,2", "4,5"]);
    }

    [Fact]
    public async Task Each_batch_has_one_checkpoint_per_mailbox_folder_with_the_file_position_and_last_message()
    {
        var batches = await ReadAll(new JsonLinesMessageSource(FiveLineFile(), batchSize: 2));

        batches[0].Checkpoints.Select(c => (c.Mailbox, c.Folder, Position(c), c.LastMessageId)).ShouldBe(
        [
            (Mailbox, "inbox", "five.jsonl#L2", "m1"),
            (Mailbox, "sentitems", "five.jsonl#L2", "m2"),
        ], ignoreOrder: true);
        // The malformed line has no mailbox; only the WhatsApp message checkpoints its stream.
        batches[1].Checkpoints.Select(c => (c.Mailbox, c.Folder, Position(c), c.LastMessageId)).ShouldBe([(WhatsAppNumberE164, "whatsapp", "five.jsonl#L5", "w1")]);
    }

    [Fact]
    public async Task A_checkpoint_names_the_last_message_read_in_its_folder()
    {
        var path = _temp.File("folders.jsonl", string.Join("\n",
            Graph("a1", "inbox"), Graph("s1", "SentItems"), Graph("a2", "Inbox"), Graph("c1", "Customers"), Graph("s2", "sentitems")));

        var batch = (await ReadAll(new JsonLinesMessageSource(path))).ShouldHaveSingleItem();

        batch.Checkpoints.Select(c => (c.Mailbox, c.Folder, Position(c), c.LastMessageId)).ShouldBe(
        [
            (Mailbox, "inbox", "folders.jsonl#L5", "a2"),
            (Mailbox, "sentitems", "folders.jsonl#L5", "s2"),
            (Mailbox, "Customers", "folders.jsonl#L5", "c1"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task A_checkpoint_carries_the_byte_offset_after_its_page_so_a_later_run_can_resume_there()
    {
        var path = FiveLineFile();
        var batches = await ReadAll(new JsonLinesMessageSource(path, batchSize: 2));

        var firstPageBytes = System.Text.Encoding.UTF8.GetByteCount(Graph("m1", "inbox") + "\n" + Graph("m2", "Sent Items") + "\n");
        batches[0].Checkpoints[0].Checkpoint.ShouldStartWith($"five.jsonl#L2@{firstPageBytes}~");
        batches[1].Checkpoints[0].Checkpoint.ShouldStartWith($"five.jsonl#L5@{new FileInfo(path).Length}~");
    }

    [Fact]
    public async Task A_resumed_run_after_a_complete_one_reads_only_the_lines_appended_since_numbered_where_the_file_left_off()
    {
        var path = _temp.File("grow.jsonl", string.Join("\n", Graph("m1", "inbox"), Graph("m2", "inbox"), Graph("m3", "inbox")) + "\n");
        var first = await ReadAll(new JsonLinesMessageSource(path, batchSize: 2));
        await File.AppendAllTextAsync(path, "\n" + Graph("m4", "inbox") + "\n" + Graph("m5", "sentitems") + "\n");

        var items = (await ReadAll(new JsonLinesMessageSource(path, batchSize: 2, resume: true), states: States(first))).SelectMany(b => b.Items).ToList();

        items.Select(i => (i.ResultId, i.Position)).ShouldBe([("m4", 5), ("m5", 6)]);
    }

    [Fact]
    public async Task A_file_read_to_its_end_yields_nothing_on_a_resumed_run_and_everything_again_otherwise()
    {
        var path = FiveLineFile();
        var first = await ReadAll(new JsonLinesMessageSource(path, batchSize: 2));

        (await ReadAll(new JsonLinesMessageSource(path, batchSize: 2, resume: true), states: States(first))).ShouldBeEmpty();
        (await ReadAll(new JsonLinesMessageSource(path, batchSize: 2), states: States(first))).SelectMany(b => b.Items).Count().ShouldBe(4);
    }

    [Fact]
    public async Task A_file_replaced_under_the_same_name_is_read_from_its_start()
    {
        var path = _temp.File("same.jsonl", string.Join("\n", Graph("m1", "inbox"), Graph("m2", "inbox")) + "\n");
        var first = await ReadAll(new JsonLinesMessageSource(path));
        await File.WriteAllTextAsync(path, string.Join("\n", Graph("x1", "inbox"), Graph("x2", "inbox"), Graph("x3", "inbox")) + "\n");

        var items = (await ReadAll(new JsonLinesMessageSource(path, resume: true), states: States(first))).SelectMany(b => b.Items).ToList();

        items.Select(i => i.ResultId).ShouldBe(["x1", "x2", "x3"]);
    }

    [Fact]
    public async Task A_checkpoint_of_another_file_or_of_a_run_with_since_is_not_resumed_from()
    {
        var path = FiveLineFile();
        var withSince = await ReadAll(new JsonLinesMessageSource(path), since: DateTimeOffset.MinValue);
        withSince[0].Checkpoints.ShouldAllBe(c => !c.Checkpoint.Contains('@'));
        var other = _temp.File("other.jsonl", Graph("o1", "inbox") + "\n");
        var otherBatches = await ReadAll(new JsonLinesMessageSource(other));

        var items = (await ReadAll(new JsonLinesMessageSource(path, resume: true), states: [.. States(withSince), .. States(otherBatches)])).SelectMany(b => b.Items).ToList();

        items.Select(i => i.ResultId).ShouldBe(["m1", "m2", "line:4", "w1"]);
    }

    [Fact]
    public async Task A_line_far_over_the_limit_is_never_held_whole_and_its_failure_says_how_long_it_was()
    {
        var path = _temp.File("huge.jsonl", string.Join("\n", Graph("m1", "inbox"), Graph(new string('x', 200_000), "inbox"), Graph("m3", "inbox")));

        var items = (await ReadAll(new JsonLinesMessageSource(path, maxLineChars: 1_000))).SelectMany(b => b.Items).ToList();

        items.Select(i => i.ResultId).ShouldBe(["m1", "line:2", "m3"]);
        items[1].Failure!.ShouldContain("huge.jsonl line 2: the line is");
        items[1].Failure!.ShouldContain("bytes, over the 1000-character limit");
    }

    private static string Position(StreamCheckpoint checkpoint) => checkpoint.Checkpoint.Split('@')[0];

    private static List<Core.Records.ProcessingState> States(IEnumerable<SourceBatch> batches) =>
        batches.SelectMany(b => b.Checkpoints)
            .GroupBy(c => (c.Mailbox, c.Folder))
            .Select(g => new Core.Records.ProcessingState { WorkspaceId = Workspace.Id, Mailbox = g.Key.Mailbox, Folder = g.Key.Folder, Checkpoint = g.Last().Checkpoint })
            .ToList();

    [Fact]
    public async Task A_batch_of_failures_only_has_no_checkpoints()
    {
        var path = _temp.File("bad.jsonl", "nonsense\n[1]\n");

        var batch = (await ReadAll(new JsonLinesMessageSource(path))).ShouldHaveSingleItem();

        batch.Items.Count.ShouldBe(2);
        batch.Checkpoints.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_file_yields_no_batches()
    {
        var path = _temp.File("empty.jsonl", "\n\n  \n");

        (await ReadAll(new JsonLinesMessageSource(path))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_line_over_the_configured_limit_is_a_failure_and_reading_goes_on()
    {
        var path = _temp.File("long.jsonl", string.Join("\n", Graph("m1", "inbox"), Graph(new string('x', 500), "inbox"), Graph("m3", "inbox")));

        var items = (await ReadAll(new JsonLinesMessageSource(path, maxLineChars: 300))).SelectMany(b => b.Items).ToList();

        items.Select(i => i.ResultId).ShouldBe(["m1", "line:2", "m3"]);
        items[1].Failure!.ShouldContain("long.jsonl line 2");
    }

    [Fact]
    public async Task Without_a_workspace_whatsapp_number_chat_messages_have_an_empty_mailbox()
    {
        var path = _temp.File("wa.jsonl", WhatsApp("w1"));

        var item = (await ReadAll(new JsonLinesMessageSource(path), new WorkspaceConfig { Id = "ws" })).Single().Items.Single();

        item.Message!.Mailbox.ShouldBe("");
        item.Message.To.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_sample_replay_file_yields_one_item_per_line_and_only_its_two_broken_lines_fail()
    {
        var path = Fixture.PathOf("messages.jsonl");

        var items = (await ReadAll(new JsonLinesMessageSource(path))).SelectMany(b => b.Items).ToList();

        items.Count.ShouldBe(55);
        items.Select(i => i.Position).ShouldBe(Enumerable.Range(1, 55));
        var failures = items.Where(i => i.Message is null).ToList();
        failures.Select(f => f.Position).ShouldBe([24, 48]);
        failures[0].Failure!.ShouldContain("messages.jsonl line 24: not valid JSON");
        failures[1].Failure!.ShouldContain("messages.jsonl line 48: the message has no 'id'");
        items.Count(i => i.Message?.Channel == Core.Messages.Channel.WhatsApp).ShouldBe(2);
        items[48].Message!.Folder.ShouldBe("Customers");
    }

    [Fact]
    public async Task The_sample_replay_file_gives_the_result_ids_the_labels_expect_in_input_order()
    {
        var expected = File.ReadLines(Fixture.PathOf("expected.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => Fixture.Parse(l).GetProperty("messageId").GetString())
            .ToList();

        var items = (await ReadAll(new JsonLinesMessageSource(Fixture.PathOf("messages.jsonl"), batchSize: 10))).SelectMany(b => b.Items).ToList();

        items.Select(i => i.ResultId).ShouldBe(expected);
    }

    [Fact]
    public async Task A_missing_file_is_a_file_not_found_exception_with_the_path_in_the_message()
    {
        var path = Path.Combine(_temp.Path, "does-not-exist.jsonl");
        var source = new JsonLinesMessageSource(path);

        source.Description.ShouldBe(path);
        var ex = await Should.ThrowAsync<FileNotFoundException>(() => ReadAll(source));
        ex.Message.ShouldContain(path);
        ex.FileName.ShouldBe(path);
    }
}
