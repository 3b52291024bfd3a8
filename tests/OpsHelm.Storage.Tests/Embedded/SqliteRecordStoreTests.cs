using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

public sealed class SqliteRecordStoreTests : IDisposable
{
    private const string Ws = "contoso-msp";
    private readonly TempStoreDirectory _directory = new();
    private readonly EmbeddedStore _store;
    private readonly CancellationToken _ct = CancellationToken.None;

    public SqliteRecordStoreTests() => _store = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private IRecordStore Records => _store.Records;

    [Fact]
    public async Task Recording_an_outcome_writes_the_event_ticket_task_commitment_and_exception_and_counts_them()
    {
        var outcome = Samples.TicketOutcome(Ws, "m1");

        var result = await Records.RecordAsync(outcome, Samples.CountingMerge(Ws, "INC0012345"), _ct);

        result.ShouldBe(new RecordResult(true, TicketCreated: true, TicketUpdated: false, TasksCreated: 1, CommitmentsCreated: 1, ExceptionsCreated: 1));
        (await Records.HasEventAsync(Ws, "email:m1", _ct)).ShouldBeTrue();
        Json.Of((await Records.ListEventsAsync(Ws, _ct)).ShouldHaveSingleItem()).ShouldBe(Json.Of(outcome.Event));
        (await Records.ListTicketsAsync(Ws, _ct)).ShouldHaveSingleItem().TicketId.ShouldBe("INC0012345");
        (await Records.ListTasksAsync(Ws, _ct)).ShouldHaveSingleItem().ShouldBe(outcome.Tasks[0]);
        (await Records.ListCommitmentsAsync(Ws, _ct)).ShouldHaveSingleItem().ShouldBe(outcome.Commitments[0]);
        (await Records.ListExceptionsAsync(Ws, null, _ct)).ShouldHaveSingleItem().ShouldBe(outcome.Exceptions[0]);
    }

    [Fact]
    public async Task Recording_the_same_outcome_twice_writes_nothing_the_second_time()
    {
        var outcome = Samples.TicketOutcome(Ws, "m1");
        await Records.RecordAsync(outcome, Samples.CountingMerge(Ws, "INC0012345"), _ct);
        var mergeCalls = 0;

        var second = await Records.RecordAsync(outcome, existing =>
        {
            mergeCalls++;
            return existing!;
        }, _ct);

        second.ShouldBe(RecordResult.AlreadyRecorded);
        mergeCalls.ShouldBe(0);
        (await Records.ListEventsAsync(Ws, _ct)).Count.ShouldBe(1);
        (await Records.ListTicketsAsync(Ws, _ct)).ShouldHaveSingleItem().MessageCount.ShouldBe(1);
        (await Records.ListTasksAsync(Ws, _ct)).Count.ShouldBe(1);
        (await Records.ListCommitmentsAsync(Ws, _ct)).Count.ShouldBe(1);
        (await Records.ListExceptionsAsync(Ws, null, _ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_ticket_merge_receives_the_stored_ticket_and_its_result_is_written()
    {
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m1"), Samples.CountingMerge(Ws, "INC0012345"), _ct);
        Ticket? seen = null;

        var result = await Records.RecordAsync(Samples.TicketOutcome(Ws, "m2"), existing =>
        {
            seen = existing;
            return existing! with { MessageCount = existing.MessageCount + 1, StatusBucket = StatusBucket.WaitingOnCustomer };
        }, _ct);

        Json.Of(seen.ShouldNotBeNull()).ShouldBe(Json.Of(Samples.Ticket(Ws, "INC0012345")));
        result.TicketCreated.ShouldBeFalse();
        result.TicketUpdated.ShouldBeTrue();
        var stored = (await Records.ListTicketsAsync(Ws, _ct)).ShouldHaveSingleItem();
        stored.MessageCount.ShouldBe(2);
        stored.StatusBucket.ShouldBe(StatusBucket.WaitingOnCustomer);
    }

    [Fact]
    public async Task A_new_ticket_is_merged_from_nothing()
    {
        Ticket? seen = Samples.Ticket(Ws, "placeholder");

        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m1"), existing =>
        {
            seen = existing;
            return Samples.Ticket(Ws, "INC0012345");
        }, _ct);

        seen.ShouldBeNull();
    }

    [Fact]
    public async Task A_failing_merge_leaves_nothing_of_the_outcome_behind()
    {
        var outcome = Samples.TicketOutcome(Ws, "m1");

        await Should.ThrowAsync<InvalidOperationException>(() => Records.RecordAsync(outcome, _ => throw new InvalidOperationException("merge failed"), _ct));

        (await Records.HasEventAsync(Ws, "email:m1", _ct)).ShouldBeFalse();
        (await Records.ListTasksAsync(Ws, _ct)).ShouldBeEmpty();
        (await Records.FindThreadTicketAsync(Ws, outcome.ThreadKeys, _ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Records_already_known_from_another_message_are_not_counted_as_created()
    {
        var first = Samples.TicketOutcome(Ws, "m1");
        await Records.RecordAsync(first, Samples.CountingMerge(Ws, "INC0012345"), _ct);
        var second = Samples.TicketOutcome(Ws, "m2") with { Tasks = first.Tasks, Commitments = first.Commitments };

        var result = await Records.RecordAsync(second, Samples.CountingMerge(Ws, "INC0012345"), _ct);

        result.Recorded.ShouldBeTrue();
        result.TasksCreated.ShouldBe(0);
        result.CommitmentsCreated.ShouldBe(0);
        result.ExceptionsCreated.ShouldBe(1);
    }

    [Fact]
    public async Task Thread_keys_of_a_recorded_ticket_message_find_its_ticket()
    {
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m1"), Samples.CountingMerge(Ws, "INC0012345"), _ct);

        var found = await Records.FindThreadTicketAsync(Ws, ["conv:unknown", "wm:MSG0001"], _ct);

        found.ShouldBe(new Core.Tickets.ThreadTicket("INC0012345", TicketSystem.ServiceNow));
        (await Records.FindThreadTicketAsync(Ws, ["conv:unknown"], _ct)).ShouldBeNull();
        (await Records.FindThreadTicketAsync(Ws, [], _ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_first_known_thread_key_decides_the_ticket()
    {
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m1", "INC0000001") with { ThreadKeys = ["conv:a"] }, Samples.CountingMerge(Ws, "INC0000001"), _ct);
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m2", "INC0000002") with { ThreadKeys = ["conv:b"] }, Samples.CountingMerge(Ws, "INC0000002"), _ct);

        (await Records.FindThreadTicketAsync(Ws, ["conv:b", "conv:a"], _ct))!.Id.ShouldBe("INC0000002");
        (await Records.FindThreadTicketAsync(Ws, ["conv:a", "conv:b"], _ct))!.Id.ShouldBe("INC0000001");
    }

    [Fact]
    public async Task A_thread_key_points_at_the_latest_ticket_recorded_for_it()
    {
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m1", "INC0000001") with { ThreadKeys = ["conv:a"] }, Samples.CountingMerge(Ws, "INC0000001"), _ct);
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m2", "INC0000002") with { ThreadKeys = ["conv:a"] }, Samples.CountingMerge(Ws, "INC0000002"), _ct);

        (await Records.FindThreadTicketAsync(Ws, ["conv:a"], _ct))!.Id.ShouldBe("INC0000002");
    }

    [Fact]
    public async Task Records_of_one_workspace_are_invisible_from_another()
    {
        await Records.RecordAsync(Samples.TicketOutcome("ws-a", "m1"), Samples.CountingMerge("ws-a", "INC0012345"), _ct);
        await Records.SaveRunAsync(new IngestionRun { RunId = "run-1", WorkspaceId = "ws-a", Trigger = "Cli" }, _ct);

        (await Records.HasEventAsync("ws-b", "email:m1", _ct)).ShouldBeFalse();
        (await Records.ListEventsAsync("ws-b", _ct)).ShouldBeEmpty();
        (await Records.ListTicketsAsync("ws-b", _ct)).ShouldBeEmpty();
        (await Records.ListTasksAsync("ws-b", _ct)).ShouldBeEmpty();
        (await Records.ListCommitmentsAsync("ws-b", _ct)).ShouldBeEmpty();
        (await Records.ListExceptionsAsync("ws-b", null, _ct)).ShouldBeEmpty();
        (await Records.ListRunsAsync("ws-b", 10, _ct)).ShouldBeEmpty();
        (await Records.FindThreadTicketAsync("ws-b", ["conv:conv-m1", "wm:MSG0001"], _ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_same_event_key_in_two_workspaces_is_two_records()
    {
        var inA = await Records.RecordAsync(Samples.TicketOutcome("ws-a", "m1"), Samples.CountingMerge("ws-a", "INC0012345"), _ct);
        Ticket? seenByB = Samples.Ticket("ws-b", "placeholder");

        var inB = await Records.RecordAsync(Samples.TicketOutcome("ws-b", "m1"), existing =>
        {
            seenByB = existing;
            return Samples.Ticket("ws-b", "INC0012345");
        }, _ct);

        inA.Recorded.ShouldBeTrue();
        inB.ShouldBe(new RecordResult(true, true, false, 1, 1, 1));
        seenByB.ShouldBeNull();
        (await Records.ListEventsAsync("ws-a", _ct)).ShouldHaveSingleItem().WorkspaceId.ShouldBe("ws-a");
        (await Records.ListEventsAsync("ws-b", _ct)).ShouldHaveSingleItem().WorkspaceId.ShouldBe("ws-b");
        (await Records.ListWorkspacesAsync(_ct)).ShouldBe(["ws-a", "ws-b"]);
    }

    [Fact]
    public async Task An_outcome_carrying_records_of_another_workspace_is_refused()
    {
        var outcome = Samples.TicketOutcome("ws-a", "m1") with { Tasks = [Samples.Task("ws-b", "task-1")] };

        var error = await Should.ThrowAsync<ArgumentException>(() => Records.RecordAsync(outcome, Samples.CountingMerge("ws-a", "INC0012345"), _ct));

        error.Message.ShouldContain("'ws-b'");
        (await Records.HasEventAsync("ws-a", "email:m1", _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_merge_returning_another_ticket_is_refused()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            Records.RecordAsync(Samples.TicketOutcome(Ws, "m1"), _ => Samples.Ticket(Ws, "INC9999999"), _ct));

        error.Message.ShouldContain("INC9999999");
        (await Records.ListTicketsAsync(Ws, _ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_message_without_a_ticket_writes_no_ticket_and_no_thread_keys()
    {
        var outcome = Samples.PlainOutcome(Ws, "m1") with { ThreadKeys = ["conv:x"] };

        var result = await Records.RecordAsync(outcome, _ => throw new InvalidOperationException("not called"), _ct);

        result.ShouldBe(new RecordResult(true, false, false, 0, 0, 0));
        (await Records.ListTicketsAsync(Ws, _ct)).ShouldBeEmpty();
        (await Records.FindThreadTicketAsync(Ws, ["conv:x"], _ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_standalone_exception_is_recorded_once()
    {
        var failure = Samples.Exception(Ws, "exception-line-3", "source:line:3") with { Reason = ExceptionReason.ParseFailure, MessageId = "line:3" };

        (await Records.RecordExceptionAsync(failure, _ct)).ShouldBeTrue();
        (await Records.RecordExceptionAsync(failure, _ct)).ShouldBeFalse();

        (await Records.ListExceptionsAsync(Ws, null, _ct)).ShouldHaveSingleItem().ShouldBe(failure);
        (await Records.ListWorkspacesAsync(_ct)).ShouldBe([Ws]);
    }

    [Fact]
    public async Task A_task_is_added_once()
    {
        var task = Samples.Task(Ws, "task-stale-1");

        (await Records.AddTaskAsync(task, _ct)).ShouldBeTrue();
        (await Records.AddTaskAsync(task with { Title = "changed" }, _ct)).ShouldBeFalse();

        (await Records.ListTasksAsync(Ws, _ct)).ShouldHaveSingleItem().Title.ShouldBe(task.Title);
    }

    [Fact]
    public async Task Saving_a_ticket_replaces_the_stored_one()
    {
        await Records.SaveTicketAsync(Samples.Ticket(Ws, "INC1"), _ct);

        await Records.SaveTicketAsync(Samples.Ticket(Ws, "INC1") with { RiskFlags = ["Stale"], NextAction = "Chase the customer" }, _ct);

        var ticket = (await Records.ListTicketsAsync(Ws, _ct)).ShouldHaveSingleItem();
        ticket.RiskFlags.ShouldBe(["Stale"]);
        ticket.NextAction.ShouldBe("Chase the customer");
    }

    [Fact]
    public async Task Saving_a_run_twice_updates_it_and_runs_list_newest_first_up_to_the_limit()
    {
        var start = Samples.SentAt;
        await Records.SaveRunAsync(new IngestionRun { RunId = "r1", WorkspaceId = Ws, Trigger = "Cli", StartedAt = start }, _ct);
        await Records.SaveRunAsync(new IngestionRun { RunId = "r2", WorkspaceId = Ws, Trigger = "Timer", StartedAt = start.AddHours(1) }, _ct);
        await Records.SaveRunAsync(new IngestionRun { RunId = "r3", WorkspaceId = Ws, Trigger = "Timer", StartedAt = start.AddHours(2) }, _ct);
        var finished = new IngestionRun
        {
            RunId = "r1",
            WorkspaceId = Ws,
            Trigger = "Cli",
            StartedAt = start,
            EndedAt = start.AddMinutes(1),
            Status = "Succeeded",
            Counts = new RunCounts { Fetched = 3, New = 2, PerCategory = new Dictionary<string, int> { ["Ticket"] = 2 } },
            CoveragePercent = 100,
        };
        await Records.SaveRunAsync(finished, _ct);

        var runs = await Records.ListRunsAsync(Ws, 10, _ct);
        runs.Select(r => r.RunId).ShouldBe(["r3", "r2", "r1"]);
        runs[2].Status.ShouldBe("Succeeded");
        runs[2].Counts.Fetched.ShouldBe(3);
        runs[2].Counts.PerCategory["Ticket"].ShouldBe(2);
        (await Records.ListRunsAsync(Ws, 2, _ct)).Select(r => r.RunId).ShouldBe(["r3", "r2"]);
    }

    [Fact]
    public async Task Tickets_list_most_recently_active_first()
    {
        await Records.SaveTicketAsync(Samples.Ticket(Ws, "INC1", Samples.SentAt), _ct);
        await Records.SaveTicketAsync(Samples.Ticket(Ws, "INC2", Samples.SentAt.AddDays(1)), _ct);
        // Same instant as INC2 in another offset: ordering is by the instant, not the text.
        await Records.SaveTicketAsync(Samples.Ticket(Ws, "INC3", Samples.SentAt.AddDays(1).AddMinutes(1).ToOffset(TimeSpan.FromHours(9))), _ct);

        (await Records.ListTicketsAsync(Ws, _ct)).Select(t => t.TicketId).ShouldBe(["INC3", "INC2", "INC1"]);
    }

    [Fact]
    public async Task Events_list_in_sent_order()
    {
        await Records.RecordAsync(Samples.PlainOutcome(Ws, "late", Samples.SentAt.AddHours(2)), _ => throw new InvalidOperationException(), _ct);
        await Records.RecordAsync(Samples.PlainOutcome(Ws, "early", Samples.SentAt.ToOffset(TimeSpan.FromHours(10))), _ => throw new InvalidOperationException(), _ct);
        await Records.RecordAsync(Samples.PlainOutcome(Ws, "middle", Samples.SentAt.AddHours(1)), _ => throw new InvalidOperationException(), _ct);

        (await Records.ListEventsAsync(Ws, _ct)).Select(e => e.ProviderMessageId).ShouldBe(["early", "middle", "late"]);
    }

    [Fact]
    public async Task Exceptions_list_newest_first_and_filter_by_status()
    {
        await Records.RecordExceptionAsync(Samples.Exception(Ws, "e1", createdAt: Samples.SentAt), _ct);
        await Records.RecordExceptionAsync(Samples.Exception(Ws, "e2", createdAt: Samples.SentAt.AddHours(1), status: "Resolved"), _ct);
        await Records.RecordExceptionAsync(Samples.Exception(Ws, "e3", createdAt: Samples.SentAt.AddHours(2)), _ct);

        (await Records.ListExceptionsAsync(Ws, null, _ct)).Select(e => e.Id).ShouldBe(["e3", "e2", "e1"]);
        (await Records.ListExceptionsAsync(Ws, "Open", _ct)).Select(e => e.Id).ShouldBe(["e3", "e1"]);
        (await Records.ListExceptionsAsync(Ws, "resolved", _ct)).Select(e => e.Id).ShouldBe(["e2"]);
    }

    [Fact]
    public async Task Tasks_and_commitments_list_by_due_date_with_undated_ones_last()
    {
        await Records.AddTaskAsync(Samples.Task(Ws, "t-undated"), _ct);
        await Records.AddTaskAsync(Samples.Task(Ws, "t-later", Samples.SentAt.AddDays(2)), _ct);
        await Records.AddTaskAsync(Samples.Task(Ws, "t-sooner", Samples.SentAt.AddDays(1)), _ct);
        var outcome = Samples.PlainOutcome(Ws, "m1") with
        {
            Commitments =
            [
                Samples.Commitment(Ws, "c-undated"),
                Samples.Commitment(Ws, "c-later", Samples.SentAt.AddDays(2)),
                Samples.Commitment(Ws, "c-sooner", Samples.SentAt.AddDays(1)),
            ],
        };
        await Records.RecordAsync(outcome, _ => throw new InvalidOperationException(), _ct);

        (await Records.ListTasksAsync(Ws, _ct)).Select(t => t.Id).ShouldBe(["t-sooner", "t-later", "t-undated"]);
        (await Records.ListCommitmentsAsync(Ws, _ct)).Select(c => c.Key).ShouldBe(["c-sooner", "c-later", "c-undated"]);
    }

    [Fact]
    public async Task Records_are_stored_as_camel_case_json_with_enums_as_strings()
    {
        await Records.RecordAsync(Samples.TicketOutcome(Ws, "m1"), Samples.CountingMerge(Ws, "INC0012345"), _ct);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.DatabasePath}");
        await connection.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM tickets WHERE workspace_id = 'contoso-msp';";
        var json = (string)(await command.ExecuteScalarAsync(_ct))!;

        json.ShouldContain("\"ticketId\":\"INC0012345\"");
        json.ShouldContain("\"system\":\"ServiceNow\"");
        json.ShouldContain("\"statusBucket\":\"InProgress\"");
    }
}
