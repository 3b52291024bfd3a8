using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Records;

namespace OpsHelm.Core.Tests.Ingestion;

public sealed class InProcessIngestionTests
{
    [Fact]
    public async Task A_multi_page_pull_records_every_message_in_one_finalized_run_with_the_checkpoint_of_the_last_page()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 4, perPage: 5);
        await using var driver = harness.Driver();

        var start = driver.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await driver.WhenIdleAsync();

        start.Started.ShouldBeTrue();
        var runs = await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None);
        var run = runs.ShouldHaveSingleItem();
        run.RunId.ShouldBe(start.RunId);
        run.Status.ShouldBe("Succeeded");
        run.Counts.Fetched.ShouldBe(20);
        run.Counts.New.ShouldBe(20);
        run.CheckpointWritten.ShouldBeTrue();
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Select(e => e.ProviderMessageId)
            .ShouldBe(messages.Select(m => m.ProviderMessageId), ignoreOrder: true);
        var state = (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem();
        state.Checkpoint.ShouldBe("page-4");
        state.LastProcessedMessageId.ShouldBe("m-20");
    }

    [Fact]
    public async Task A_message_that_fails_twice_is_retried_and_recorded_once()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 1, perPage: 3);
        var flaky = IngestionHarness.KeyOf(messages[1]);
        harness.Archive.FailReads(flaky, times: 2);
        await using var driver = harness.Driver();

        driver.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await driver.WhenIdleAsync();

        harness.Archive.ReadsOf(flaky).ShouldBe(3);
        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Counts.New.ShouldBe(3);
        run.Counts.Exceptions.ShouldBe(0);
        (await harness.Store.Records.HasEventAsync(harness.WorkspaceId, flaky, CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_message_that_always_fails_becomes_a_ProcessingFailed_exception_and_the_run_still_finalizes_with_its_checkpoint()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 2, perPage: 2);
        var broken = IngestionHarness.KeyOf(messages[0]);
        harness.Archive.FailReads(broken, int.MaxValue);
        await using var driver = harness.Driver();

        driver.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await driver.WhenIdleAsync();

        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Status.ShouldBe("Succeeded");
        run.Counts.Fetched.ShouldBe(4);
        run.Counts.ExceptionsByReason.GetValueOrDefault(nameof(ExceptionReason.ProcessingFailed)).ShouldBe(1);
        var exception = (await harness.Store.Records.ListExceptionsAsync(harness.WorkspaceId, null, CancellationToken.None)).ShouldHaveSingleItem();
        exception.Reason.ShouldBe(ExceptionReason.ProcessingFailed);
        exception.EventKey.ShouldBe(broken);
        exception.Details.ShouldContain("IOException");
        harness.Archive.ReadsOf(broken).ShouldBe(harness.Settings.MaxAttempts + 1);
        (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem().Checkpoint.ShouldBe("page-2");
    }

    [Fact]
    public async Task Requests_during_a_run_start_one_more_run_after_it_and_never_a_second_at_once()
    {
        await using var harness = new IngestionHarness();
        harness.AddPages(pages: 2, perPage: 2);
        var paused = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        harness.Source.BeforePage = async page =>
        {
            if (page == 1 && !release.Task.IsCompleted)
            {
                paused.TrySetResult();
                await release.Task;
            }
        };
        await using var driver = harness.Driver();

        var first = driver.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(10));
        harness.AddPages(pages: 1, perPage: 2, prefix: "late");
        var second = driver.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        var third = driver.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        release.SetResult();
        await driver.WhenIdleAsync();

        first.Started.ShouldBeTrue();
        second.Started.ShouldBeFalse();
        third.ShouldBe(second);
        var runs = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).OrderBy(r => r.StartedAt).ThenBy(r => r.RunId).ToList();
        runs.Select(r => r.RunId).ShouldBe([first.RunId, second.RunId]);
        runs.ShouldAllBe(r => r.Status == "Succeeded");
        runs.Sum(r => r.Counts.New).ShouldBe(6);
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(6);
    }

    [Fact]
    public async Task Re_running_the_same_window_records_nothing_new()
    {
        await using var harness = new IngestionHarness();
        harness.AddPages(pages: 3, perPage: 3);
        harness.Source.AddPage([IngestionHarness.Sent("s-1", "Re: VPN", "I'll send the fixed config by Friday.", DateTimeOffset.Parse("2026-11-19T15:00:00Z"))]);
        var since = DateTimeOffset.Parse("2026-11-01T00:00:00Z");
        await using var driver = harness.Driver();

        driver.Request(IngestionRequest.For(harness.WorkspaceId, "Manual", since, harness.Settings) with { ReadFromSince = true });
        await driver.WhenIdleAsync();
        var events = await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None);
        var commitments = await harness.Store.Records.ListCommitmentsAsync(harness.WorkspaceId, CancellationToken.None);
        var tasks = await harness.Store.Records.ListTasksAsync(harness.WorkspaceId, CancellationToken.None);
        driver.Request(IngestionRequest.For(harness.WorkspaceId, "Manual", since, harness.Settings) with { ReadFromSince = true });
        await driver.WhenIdleAsync();

        var runs = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).OrderBy(r => r.StartedAt).ThenBy(r => r.RunId).ToList();
        runs.Count.ShouldBe(2);
        runs[0].Counts.New.ShouldBe(10);
        commitments.ShouldNotBeEmpty();
        runs[1].Counts.Fetched.ShouldBe(10);
        runs[1].Counts.New.ShouldBe(0);
        runs[1].Counts.AlreadyRecorded.ShouldBe(10);
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(events.Count);
        (await harness.Store.Records.ListCommitmentsAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(commitments.Count);
        (await harness.Store.Records.ListTasksAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(tasks.Count);
    }

    [Theory]
    [InlineData("Push", true)]
    [InlineData("Backfill", false)]
    public async Task A_backfill_raises_no_reminders_or_stale_ticket_tasks_for_the_past_where_a_push_run_does(string trigger, bool raised)
    {
        await using var harness = new IngestionHarness();
        var longAgo = DateTimeOffset.Parse("2026-10-01T14:00:00Z");
        harness.Source.AddPage(
        [
            IngestionHarness.Received("t-1", "INC0012345 has been assigned to you", longAgo, from: "quarrylane@service-now.com",
                body: "Incident INC0012345 - Priority 2 - High. VPN tunnel down."),
            IngestionHarness.Sent("s-1", "Re: VPN", "I'll send the fixed config by Friday.", longAgo),
        ]);
        await using var driver = harness.Driver();

        driver.Request(IngestionRequest.For(harness.WorkspaceId, trigger, DateTimeOffset.Parse("2026-09-01T00:00:00Z"), harness.Settings));
        await driver.WhenIdleAsync();

        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Counts.New.ShouldBe(2);
        var commitments = await harness.Store.Records.ListCommitmentsAsync(harness.WorkspaceId, CancellationToken.None);
        commitments.ShouldNotBeEmpty();
        var tasks = await harness.Store.Records.ListTasksAsync(harness.WorkspaceId, CancellationToken.None);
        commitments.Any(c => c.ReminderAt is not null).ShouldBe(raised);
        tasks.Any(t => t.Kind == "StaleTicket").ShouldBe(raised);
    }

    [Fact]
    public async Task A_backfill_reads_its_page_cap_per_run_and_continues_in_the_next_run_until_the_source_is_read()
    {
        await using var harness = new IngestionHarness(new IngestionSettings { PageSize = 1, BackfillPagesPerRun = 2, FirstRetryInterval = TimeSpan.Zero });
        harness.AddPages(pages: 5, perPage: 2);
        await using var driver = harness.Driver();

        driver.Request(IngestionRequest.For(harness.WorkspaceId, "Backfill", DateTimeOffset.Parse("2026-11-01T00:00:00Z"), harness.Settings));
        await driver.WhenIdleAsync();

        var runs = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).OrderBy(r => r.StartedAt).ThenBy(r => r.RunId).ToList();
        runs.Select(r => r.Trigger).ShouldBe(["Backfill", "Backfill", "Backfill"]);
        runs.Select(r => r.Counts.New).ShouldBe([4, 4, 2]);
        (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem().Checkpoint.ShouldBe("page-5");
    }
}

public sealed class InProcessIngestionResumeTests
{
    [Fact]
    public async Task A_run_whose_process_stopped_after_a_page_resumes_from_its_saved_state_and_finalizes_with_every_message_once()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 3, perPage: 2);
        var paused = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        harness.Source.BeforePage = async page =>
        {
            if (page == 1 && !release.Task.IsCompleted)
            {
                paused.TrySetResult();
                await release.Task;
            }
        };
        var stopped = harness.Driver();
        var start = stopped.Request(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = stopped.DisposeAsync().AsTask();
        release.SetResult();
        await stopping;
        var interrupted = (await harness.Store.Records.FindRunAsync(harness.WorkspaceId, start.RunId, CancellationToken.None)).ShouldNotBeNull();
        interrupted.Status.ShouldBe("Running");
        interrupted.Progress.ShouldNotBeNull().Run!.Pages.ShouldBe(1);

        await using var restarted = harness.Driver();
        (await restarted.ResumeInterruptedAsync([harness.WorkspaceId], CancellationToken.None)).ShouldBe(1);
        await restarted.WhenIdleAsync();

        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.RunId.ShouldBe(start.RunId);
        run.Status.ShouldBe("Succeeded");
        run.Counts.Fetched.ShouldBe(6);
        (run.Counts.New + run.Counts.AlreadyRecorded).ShouldBe(6);
        run.Progress.ShouldBeNull();
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Select(e => e.ProviderMessageId)
            .ShouldBe(messages.Select(m => m.ProviderMessageId), ignoreOrder: true);
        (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem().Checkpoint.ShouldBe("page-3");
    }
}
