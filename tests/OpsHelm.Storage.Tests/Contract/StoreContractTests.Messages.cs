using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static MessageOutcome Message(string workspaceId, string id, int minutes, string subject, string from, string? ticketId = null) =>
        Samples.PlainOutcome(workspaceId, id) with
        {
            Event = Samples.Event(workspaceId, id, Samples.SentAt.AddMinutes(minutes), ticketId) with { Subject = subject, From = from },
        };

    private async Task RecordMessagesAsync()
    {
        await Store.Records.RecordAsync(Message("ws", "m1", 1, "Printer down on floor 3", "jane@contoso.example", "INC0012345"), _ => Samples.Ticket("ws", "INC0012345"), None);
        await Store.Records.RecordAsync(Message("ws", "m2", 2, "Re: printer down", "ops@msp.example", "INC0012345"), _ => Samples.Ticket("ws", "INC0012345"), None);
        await Store.Records.RecordAsync(Message("ws", "m3", 3, "Lunch on Friday", "bob@fabrikam.example"), _ => null!, None);
        await Store.Records.RecordAsync(Message("ws", "m4", 4, "VPN 100% down", "JANE@contoso.example"), _ => null!, None);
        await Store.Records.RecordAsync(Message("other", "m5", 5, "Printer down elsewhere", "jane@contoso.example", "INC0012345"), _ => Samples.Ticket("other", "INC0012345"), None);
    }

    private async Task<List<string>> SearchAsync(MessageSearch search) =>
        (await Store.Records.SearchEventsAsync("ws", search, None)).Items.Select(e => e.Key).ToList();

    [Fact]
    public async Task Events_are_found_by_key_in_their_workspace_only()
    {
        await RecordMessagesAsync();

        var found = await Store.Records.FindEventsAsync("ws", ["email:m1", "email:m4", "email:m5", "email:unknown"], None);

        found.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["email:m1", "email:m4"]);
        found.Single(e => e.Key == "email:m1").Subject.ShouldBe("Printer down on floor 3");
    }

    [Fact]
    public async Task A_search_without_filters_lists_the_workspace_newest_first()
    {
        await RecordMessagesAsync();

        (await SearchAsync(new MessageSearch())).ShouldBe(["email:m4", "email:m3", "email:m2", "email:m1"]);
    }

    [Fact]
    public async Task The_search_text_matches_subject_sender_or_ticket_id_without_case()
    {
        await RecordMessagesAsync();

        (await SearchAsync(new MessageSearch(Text: "PRINTER"))).ShouldBe(["email:m2", "email:m1"]);
        (await SearchAsync(new MessageSearch(Text: "jane@contoso"))).ShouldBe(["email:m4", "email:m1"]);
        (await SearchAsync(new MessageSearch(Text: "inc0012345"))).ShouldBe(["email:m2", "email:m1"]);
        (await SearchAsync(new MessageSearch(Text: "100%"))).ShouldBe(["email:m4"]);
        (await SearchAsync(new MessageSearch(Text: "1_0"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_filters_narrow_by_category_sender_ticket_and_time()
    {
        await RecordMessagesAsync();

        (await SearchAsync(new MessageSearch(Category: Category.Ticket))).ShouldBe(["email:m2", "email:m1"]);
        (await SearchAsync(new MessageSearch(From: "msp.example"))).ShouldBe(["email:m2"]);
        (await SearchAsync(new MessageSearch(TicketId: "INC0012345"))).ShouldBe(["email:m2", "email:m1"]);
        (await SearchAsync(new MessageSearch(Since: Samples.SentAt.AddMinutes(3)))).ShouldBe(["email:m4", "email:m3"]);
        (await SearchAsync(new MessageSearch(Text: "printer", From: "jane"))).ShouldBe(["email:m1"]);
    }

    [Fact]
    public async Task Pages_follow_each_other_by_cursor_without_gaps_or_repeats()
    {
        await RecordMessagesAsync();
        // Two messages sent at the same instant: the event key breaks the tie, so the cursor neither skips nor repeats one.
        await Store.Records.RecordAsync(Message("ws", "m0", 3, "Same minute as m3", "amy@contoso.example"), _ => null!, None);

        var keys = new List<string>();
        var pages = 0;
        MessageCursor? after = null;
        do
        {
            var page = await Store.Records.SearchEventsAsync("ws", new MessageSearch(After: after, Limit: 2), None);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            keys.AddRange(page.Items.Select(e => e.Key));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        keys.ShouldBe(["email:m4", "email:m3", "email:m0", "email:m2", "email:m1"]);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task What_a_message_raised_is_found_by_its_key_and_workspace()
    {
        var outcome = Samples.TicketOutcome("ws", "m1") with
        {
            Tasks = [Samples.Task("ws", "task-1") with { SourceEventKey = "email:m1" }],
            Commitments = [Samples.Commitment("ws", "commitment-1", Samples.SentAt.AddDays(2)) with { SourceEventKey = "email:m1" }],
        };
        await Store.Records.RecordAsync(outcome, Samples.CountingMerge("ws", "INC0012345"), None);
        await Store.Records.RecordAsync(Samples.TicketOutcome("ws", "m2") with
        {
            Tasks = [Samples.Task("ws", "task-2") with { SourceEventKey = "email:m2" }],
            Commitments = [],
        }, Samples.CountingMerge("ws", "INC0012345"), None);
        await Store.Records.RecordAsync(Samples.TicketOutcome("other", "m1"), Samples.CountingMerge("other", "INC0012345"), None);

        var raised = await Store.Records.FindMessageRecordsAsync("ws", "email:m1", None);

        raised.Tasks.Select(t => t.Id).ShouldBe(["task-1"]);
        raised.Commitments.Single().Due.ShouldBe(Samples.SentAt.AddDays(2));
        raised.Exceptions.Select(e => e.Id).ShouldBe(["exception-m1"]);
        raised.Exceptions.ShouldAllBe(e => e.WorkspaceId == "ws");
        (await Store.Records.FindMessageRecordsAsync("ws", "email:unknown", None)).Tasks.ShouldBeEmpty();
    }
}
