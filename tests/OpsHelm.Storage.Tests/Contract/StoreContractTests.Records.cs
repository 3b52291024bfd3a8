using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Recording_a_ticket_message_writes_its_event_ticket_thread_keys_task_commitment_and_exception()
    {
        var result = await Store.Records.RecordAsync(Samples.TicketOutcome("ws", "m1"), Samples.CountingMerge("ws", "INC0012345"), None);

        result.ShouldBe(new Core.Ports.RecordResult(true, true, false, 1, 1, 1));
        (await Store.Records.HasEventAsync("ws", "email:m1", None)).ShouldBeTrue();
        Json.Of(await Store.Records.ListEventsAsync("ws", None)).ShouldBe(Json.Of(new[] { Samples.Event("ws", "m1", ticketId: "INC0012345") }));
        (await Store.Records.ListTicketsAsync("ws", None)).Single().MessageCount.ShouldBe(1);
        (await Store.Records.FindThreadTicketAsync("ws", ["wm:MSG0001"], None))!.Id.ShouldBe("INC0012345");
        (await Store.Records.ListTasksAsync("ws", None)).Single().Id.ShouldBe("task-m1");
        (await Store.Records.ListCommitmentsAsync("ws", None)).Single().Key.ShouldBe("commitment-m1");
        (await Store.Records.ListExceptionsAsync("ws", null, None)).Single().Id.ShouldBe("exception-m1");
    }

    [Fact]
    public async Task Recording_the_same_message_again_writes_nothing_and_says_so()
    {
        await Store.Records.RecordAsync(Samples.TicketOutcome("ws", "m1"), Samples.CountingMerge("ws", "INC0012345"), None);

        var again = await Store.Records.RecordAsync(Samples.TicketOutcome("ws", "m1"), Samples.CountingMerge("ws", "INC0012345"), None);

        again.ShouldBe(Core.Ports.RecordResult.AlreadyRecorded);
        (await Store.Records.ListTicketsAsync("ws", None)).Single().MessageCount.ShouldBe(1);
        (await Store.Records.ListEventsAsync("ws", None)).Count.ShouldBe(1);
        (await Store.Records.ListTasksAsync("ws", None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_second_message_of_a_ticket_updates_it_and_its_thread_keys_lead_to_it()
    {
        await Store.Records.RecordAsync(Samples.TicketOutcome("ws", "m1"), Samples.CountingMerge("ws", "INC0012345"), None);

        var second = await Store.Records.RecordAsync(Samples.TicketOutcome("ws", "m2"), Samples.CountingMerge("ws", "INC0012345"), None);

        second.TicketCreated.ShouldBeFalse();
        second.TicketUpdated.ShouldBeTrue();
        (await Store.Records.ListTicketsAsync("ws", None)).Single().MessageCount.ShouldBe(2);
        (await Store.Records.FindThreadTicketAsync("ws", ["conv:unknown", "conv:conv-m2"], None))!.Id.ShouldBe("INC0012345");
        (await Store.Records.FindThreadTicketAsync("ws", ["conv:unknown"], None)).ShouldBeNull();
        (await Store.Records.FindThreadTicketAsync("ws", [], None)).ShouldBeNull();
    }

    [Fact]
    public async Task Recorded_event_keys_and_message_ids_are_found_and_nothing_else()
    {
        await Store.Records.RecordAsync(Samples.PlainOutcome("ws", "m1") with { Event = Samples.Event("ws", "m1") with { InternetMessageId = "<a@x>" } }, _ => null!, None);
        await Store.Records.RecordAsync(Samples.PlainOutcome("ws", "m2"), _ => null!, None);

        var found = await Store.Records.FindRecordedEventKeysAsync("ws", ["email:m1", "email:m2", "email:m3", "email:m1"], None);

        found.Order().ShouldBe(["email:m1", "email:m2"]);
        (await Store.Records.FindEventsByInternetMessageIdAsync("ws", "<a@x>", None)).Single().Key.ShouldBe("email:m1");
        (await Store.Records.FindEventsByInternetMessageIdAsync("ws", "<b@x>", None)).ShouldBeEmpty();
        (await Store.Records.HasEventAsync("ws", "email:m3", None)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_workspace_never_sees_another_workspaces_records()
    {
        await Store.Records.RecordAsync(Samples.TicketOutcome("alpha", "m1"), Samples.CountingMerge("alpha", "INC0012345"), None);
        await Store.Records.SaveRunAsync(new IngestionRun { RunId = "r1", WorkspaceId = "alpha", Trigger = "Cli", StartedAt = Samples.SentAt }, None);

        (await Store.Records.HasEventAsync("beta", "email:m1", None)).ShouldBeFalse();
        (await Store.Records.FindRecordedEventKeysAsync("beta", ["email:m1"], None)).ShouldBeEmpty();
        (await Store.Records.FindThreadTicketAsync("beta", ["wm:MSG0001"], None)).ShouldBeNull();
        (await Store.Records.ListEventsAsync("beta", None)).ShouldBeEmpty();
        (await Store.Records.ListTicketsAsync("beta", None)).ShouldBeEmpty();
        (await Store.Records.ListTasksAsync("beta", None)).ShouldBeEmpty();
        (await Store.Records.ListCommitmentsAsync("beta", None)).ShouldBeEmpty();
        (await Store.Records.ListExceptionsAsync("beta", null, None)).ShouldBeEmpty();
        (await Store.Records.ListRunsAsync("beta", 10, None)).ShouldBeEmpty();
        // The same message in another workspace is a different message.
        (await Store.Records.RecordAsync(Samples.TicketOutcome("beta", "m1"), Samples.CountingMerge("beta", "INC0012345"), None)).Recorded.ShouldBeTrue();
        (await Store.Records.ListWorkspacesAsync(None)).ShouldBe(["alpha", "beta"]);
    }

    [Fact]
    public async Task An_outcome_carrying_another_workspaces_record_is_refused_before_anything_is_written()
    {
        var outcome = Samples.TicketOutcome("ws", "m1") with { Tasks = [Samples.Task("other", "t1")] };

        await Should.ThrowAsync<ArgumentException>(() => Store.Records.RecordAsync(outcome, Samples.CountingMerge("ws", "INC0012345"), None));

        (await Store.Records.HasEventAsync("ws", "email:m1", None)).ShouldBeFalse();
        (await Store.Records.ListTicketsAsync("ws", None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Exceptions_list_newest_first_and_filter_by_status_ignoring_case()
    {
        await Store.Records.RecordExceptionAsync(Samples.Exception("ws", "e1", createdAt: Samples.SentAt), None);
        await Store.Records.RecordExceptionAsync(Samples.Exception("ws", "e2", status: "Resolved", createdAt: Samples.SentAt.AddHours(1)), None);
        await Store.Records.RecordExceptionAsync(Samples.Exception("ws", "e3", createdAt: Samples.SentAt.AddHours(2)), None);

        (await Store.Records.ListExceptionsAsync("ws", null, None)).Select(e => e.Id).ShouldBe(["e3", "e2", "e1"]);
        (await Store.Records.ListExceptionsAsync("ws", "open", None)).Select(e => e.Id).ShouldBe(["e3", "e1"]);
        (await Store.Records.ListExceptionsAsync("ws", "Resolved", None)).Select(e => e.Id).ShouldBe(["e2"]);
    }

    [Fact]
    public async Task A_recorded_exception_or_task_is_created_once()
    {
        (await Store.Records.RecordExceptionAsync(Samples.Exception("ws", "e1"), None)).ShouldBeTrue();
        (await Store.Records.RecordExceptionAsync(Samples.Exception("ws", "e1") with { Details = "changed" }, None)).ShouldBeFalse();
        (await Store.Records.AddTaskAsync(Samples.Task("ws", "t1"), None)).ShouldBeTrue();
        (await Store.Records.AddTaskAsync(Samples.Task("ws", "t1") with { Title = "changed" }, None)).ShouldBeFalse();

        (await Store.Records.ListExceptionsAsync("ws", null, None)).Single().Details.ShouldBe(Samples.Exception("ws", "e1").Details);
        (await Store.Records.ListTasksAsync("ws", None)).Single().Title.ShouldBe(Samples.Task("ws", "t1").Title);
    }

    [Fact]
    public async Task Saving_a_ticket_replaces_it_and_tickets_list_most_recently_active_first()
    {
        await Store.Records.SaveTicketAsync(Samples.Ticket("ws", "INC1", Samples.SentAt), None);
        await Store.Records.SaveTicketAsync(Samples.Ticket("ws", "INC2", Samples.SentAt.AddHours(1)), None);
        await Store.Records.SaveTicketAsync(Samples.Ticket("ws", "INC1", Samples.SentAt.AddHours(2)) with { RiskFlags = ["Stale"] }, None);

        var tickets = await Store.Records.ListTicketsAsync("ws", None);

        tickets.Select(t => t.TicketId).ShouldBe(["INC1", "INC2"]);
        tickets[0].RiskFlags.ShouldBe(["Stale"]);
    }

    [Fact]
    public async Task Runs_are_updated_in_place_and_listed_newest_first_up_to_the_limit()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.Records.SaveRunAsync(new IngestionRun { RunId = $"r{i}", WorkspaceId = "ws", Trigger = "Cli", StartedAt = Samples.SentAt.AddMinutes(i) }, None);
        }
        await Store.Records.SaveRunAsync(new IngestionRun
        {
            RunId = "r2", WorkspaceId = "ws", Trigger = "Cli", StartedAt = Samples.SentAt.AddMinutes(2), Status = "Succeeded",
            Counts = new RunCounts { Fetched = 3 },
        }, None);

        var runs = await Store.Records.ListRunsAsync("ws", 2, None);

        runs.Select(r => r.RunId).ShouldBe(["r2", "r1"]);
        runs[0].Status.ShouldBe("Succeeded");
        runs[0].Counts.Fetched.ShouldBe(3);
        (await Store.Records.ListRunsAsync("ws", 0, None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tasks_and_commitments_list_by_due_date_with_undated_ones_last()
    {
        await Store.Records.AddTaskAsync(Samples.Task("ws", "undated"), None);
        await Store.Records.AddTaskAsync(Samples.Task("ws", "later", Samples.SentAt.AddDays(2)), None);
        await Store.Records.AddTaskAsync(Samples.Task("ws", "sooner", Samples.SentAt.AddDays(1)), None);
        var outcome = Samples.PlainOutcome("ws", "m1") with
        {
            Commitments = [Samples.Commitment("ws", "c-undated"), Samples.Commitment("ws", "c-later", Samples.SentAt.AddDays(3)), Samples.Commitment("ws", "c-sooner", Samples.SentAt.AddDays(1))],
        };
        (await Store.Records.RecordAsync(outcome, _ => null!, None)).CommitmentsCreated.ShouldBe(3);

        (await Store.Records.ListTasksAsync("ws", None)).Select(t => t.Id).ShouldBe(["sooner", "later", "undated"]);
        (await Store.Records.ListCommitmentsAsync("ws", None)).Select(c => c.Key).ShouldBe(["c-sooner", "c-later", "c-undated"]);
    }

    [Fact]
    public async Task Events_list_in_sent_order()
    {
        await Store.Records.RecordAsync(Samples.PlainOutcome("ws", "late", Samples.SentAt.AddHours(2)), _ => null!, None);
        await Store.Records.RecordAsync(Samples.PlainOutcome("ws", "early", Samples.SentAt), _ => null!, None);
        await Store.Records.RecordAsync(Samples.PlainOutcome("ws", "middle", Samples.SentAt.AddHours(1)), _ => null!, None);

        (await Store.Records.ListEventsAsync("ws", None)).Select(e => e.ProviderMessageId).ShouldBe(["early", "middle", "late"]);
    }

    [Fact]
    public async Task Checkpoints_are_kept_per_mailbox_and_folder_and_replaced_on_save()
    {
        await Store.States.SaveAsync(new ProcessingState { WorkspaceId = "ws", Mailbox = "me@x", Folder = "inbox", Checkpoint = "1" }, None);
        await Store.States.SaveAsync(new ProcessingState { WorkspaceId = "ws", Mailbox = "me@x", Folder = "sentitems", Checkpoint = "a" }, None);
        await Store.States.SaveAsync(new ProcessingState { WorkspaceId = "ws", Mailbox = "me@x", Folder = "inbox", Checkpoint = "https://graph/delta?token=a/b#c" }, None);
        await Store.States.SaveAsync(new ProcessingState { WorkspaceId = "other", Mailbox = "me@x", Folder = "inbox", Checkpoint = "9" }, None);

        var states = await Store.States.ListAsync("ws", None);

        states.Select(s => (s.Folder, s.Checkpoint)).ShouldBe([("inbox", "https://graph/delta?token=a/b#c"), ("sentitems", "a")]);
    }
}
