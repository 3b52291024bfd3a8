using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;
using OpsHelm.Core.Work;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private WorkItem Item(string workspaceId, string runId, int position) => new()
    {
        Id = WorkItem.IdOf(workspaceId, runId, "email:m" + position),
        WorkspaceId = workspaceId,
        RunId = runId,
        Position = position,
        EventKey = "email:m" + position,
        ResultId = "m" + position,
        VisibleAt = Time.GetUtcNow(),
        CreatedAt = Time.GetUtcNow(),
    };

    [Fact]
    public async Task An_archived_message_comes_back_whole_and_only_in_its_workspace()
    {
        var message = new InboundMessage
        {
            ProviderMessageId = "m1",
            Mailbox = "me@msp.example",
            Subject = "INC0012345 printer down",
            Body = "<script>alert(1)</script> stays data",
            From = new Participant("jane@contoso.example", "Jane"),
            To = [new Participant("me@msp.example")],
            SentAt = Samples.SentAt,
            Headers = [new MessageHeader("X-OpsHelm-Test", "1")],
            Attachments = [new InboundAttachment { Name = "log.txt", Size = 12, StoredId = "att-1" }],
        };
        await Store.Archive.SaveAsync("ws", "email:m1", message, None);
        await Store.Archive.SaveAsync("ws", "email:m1", message with { Subject = "updated" }, None);

        var found = await Store.Archive.FindAsync("ws", "email:m1", None);
        found.ShouldNotBeNull();
        found.Subject.ShouldBe("updated");
        found.Body.ShouldBe(message.Body);
        found.From.ShouldBe(message.From);
        found.SentAt.ShouldBe(message.SentAt);
        found.Headers.ShouldBe(message.Headers);
        found.Attachments.Single().StoredId.ShouldBe("att-1");
        (await Store.Archive.FindAsync("other", "email:m1", None)).ShouldBeNull();
    }

    [Fact]
    public async Task Enqueuing_an_item_twice_keeps_one_and_leases_come_in_position_order()
    {
        await Store.WorkQueue.EnqueueAsync([Item("ws", "run-1", 2), Item("ws", "run-1", 1)], None);
        await Store.WorkQueue.EnqueueAsync([Item("ws", "run-1", 1), Item("other", "run-9", 1)], None);

        var leased = await Store.WorkQueue.LeaseAsync("ws", 10, Lease, None);

        leased.Select(i => i.Position).ShouldBe([1, 2]);
        leased.ShouldAllBe(i => i.State == WorkItemState.Leased && i.Attempts == 1 && i.LeaseToken != null);
        (await Store.WorkQueue.LeaseAsync("ws", 10, Lease, None)).ShouldBeEmpty("leased items are not handed out twice");
        (await Store.WorkQueue.CountUnfinishedAsync("ws", None)).ShouldBe(2);
    }

    [Fact]
    public async Task An_expired_lease_hands_the_item_out_again_and_the_old_holder_cannot_complete_it()
    {
        await Store.WorkQueue.EnqueueAsync([Item("ws", "run-1", 1)], None);
        var first = (await Store.WorkQueue.LeaseAsync("ws", 1, Lease, None)).Single();

        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = (await Store.WorkQueue.LeaseAsync("ws", 1, Lease, None)).Single();

        second.Attempts.ShouldBe(2);
        (await Store.WorkQueue.CompleteAsync(first, new ItemSummary(ItemDisposition.New), None)).ShouldBeFalse();
        (await Store.WorkQueue.CompleteAsync(second, new ItemSummary(ItemDisposition.New, Category.Ticket), None)).ShouldBeTrue();
        var tally = await Store.WorkQueue.TallyAsync("ws", "run-1", None);
        (tally.Done, tally.Finished).ShouldBe((1, true));
        tally.Summaries.Single().Category.ShouldBe(Category.Ticket);
    }

    [Fact]
    public async Task A_retried_item_stays_hidden_until_its_time_and_a_dead_lettered_one_is_finished()
    {
        await Store.WorkQueue.EnqueueAsync([Item("ws", "run-1", 1), Item("ws", "run-1", 2)], None);
        var leased = await Store.WorkQueue.LeaseAsync("ws", 2, Lease, None);

        (await Store.WorkQueue.RetryLaterAsync(leased[0], "IOException: disk", Time.GetUtcNow().AddSeconds(30), None)).ShouldBeTrue();
        (await Store.WorkQueue.DeadLetterAsync(leased[1], "gave up", new ItemSummary(ItemDisposition.New, Exceptions: [ExceptionReason.ProcessingFailed]), None)).ShouldBeTrue();

        (await Store.WorkQueue.LeaseAsync("ws", 2, Lease, None)).ShouldBeEmpty();
        var tally = await Store.WorkQueue.TallyAsync("ws", "run-1", None);
        (tally.Pending, tally.DeadLettered, tally.Finished).ShouldBe((1, 1, false));

        Time.Advance(TimeSpan.FromSeconds(31));
        var again = (await Store.WorkQueue.LeaseAsync("ws", 2, Lease, None)).Single();
        again.Position.ShouldBe(1);
        again.LastError.ShouldBe("IOException: disk");
    }

    [Fact]
    public async Task An_item_named_by_a_delivery_is_leased_once_until_its_lease_lapses()
    {
        var item = Item("ws", "run-1", 1);
        await Store.WorkQueue.EnqueueAsync([item], None);

        (await Store.WorkQueue.LeaseOneAsync("ws", item.Id, Lease, None)).ShouldNotBeNull();
        (await Store.WorkQueue.LeaseOneAsync("ws", item.Id, Lease, None)).ShouldBeNull();
        (await Store.WorkQueue.LeaseOneAsync("other", item.Id, Lease, None)).ShouldBeNull();
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        (await Store.WorkQueue.LeaseOneAsync("ws", item.Id, Lease, None))!.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Overdue_items_are_those_visible_and_untaken_since_the_cutoff_in_position_order()
    {
        await Store.WorkQueue.EnqueueAsync([Item("ws", "run-1", 3), Item("ws", "run-1", 1), Item("ws", "run-1", 2), Item("other", "run-9", 1)], None);
        var taken = (await Store.WorkQueue.LeaseOneAsync("ws", Item("ws", "run-1", 2).Id, Lease, None))!;
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.WorkQueue.EnqueueAsync([Item("ws", "run-1", 4)], None);
        var done = (await Store.WorkQueue.LeaseOneAsync("ws", Item("ws", "run-1", 3).Id, Lease, None))!;
        await Store.WorkQueue.CompleteAsync(done, new ItemSummary(ItemDisposition.New), None);

        var overdue = await Store.WorkQueue.ListOverdueAsync("ws", Time.GetUtcNow().AddSeconds(-30), 10, None);

        overdue.Select(i => i.Position).ShouldBe([1], "item 2 is under a live lease, 3 is done and 4 only just became visible");
        overdue.Single().State.ShouldBe(WorkItemState.Pending, "listing leases nothing");
        Time.Advance(Lease);
        (await Store.WorkQueue.ListOverdueAsync("ws", Time.GetUtcNow().AddSeconds(-30), 10, None)).Select(i => i.Position)
            .ShouldBe([1, 2, 4], "item 2's lease lapsed more than 30 s ago");
        (await Store.WorkQueue.ListOverdueAsync("ws", Time.GetUtcNow(), 2, None)).Count.ShouldBe(2);
        (await Store.WorkQueue.ListOverdueAsync("nobody", Time.GetUtcNow(), 10, None)).ShouldBeEmpty();
        taken.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_run_is_found_by_id_only_in_its_workspace()
    {
        var run = new IngestionRun { RunId = "run-7", WorkspaceId = "ws", Trigger = "Push", StartedAt = Samples.SentAt, FanOut = new FanOutProgress { Items = 3 } };
        await Store.Records.SaveRunAsync(run, None);

        (await Store.Records.FindRunAsync("ws", "run-7", None))!.FanOut!.Items.ShouldBe(3);
        (await Store.Records.FindRunAsync("other", "run-7", None)).ShouldBeNull();
    }
}
