using Microsoft.DurableTask.Client;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tests.Ingestion;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Tests.Ingestion;

/// <summary>The real orchestrator and activities on a real Durable Task runtime in this process, over the embedded store.</summary>
public sealed class IngestionOrchestratorRuntimeTests
{
    [Fact]
    public async Task A_multi_page_pull_fans_out_and_in_to_one_finalized_run_with_the_checkpoint_of_the_last_page()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 3, perPage: 4);
        await using var host = await DurableIngestionHost.StartAsync(harness);

        var start = await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        var done = await host.CompletionAsync();

        start.Started.ShouldBeTrue();
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        var summary = done.ReadOutputAs<RunSummary>().ShouldNotBeNull();
        summary.RunId.ShouldBe(start.RunId);
        summary.Status.ShouldBe("Succeeded");
        summary.Fetched.ShouldBe(12);
        summary.New.ShouldBe(12);
        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.RunId.ShouldBe(start.RunId);
        run.Status.ShouldBe("Succeeded");
        run.Counts.New.ShouldBe(12);
        run.CoveragePercent.ShouldBe(100);
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Select(e => e.ProviderMessageId)
            .ShouldBe(messages.Select(m => m.ProviderMessageId), ignoreOrder: true);
        var state = (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem();
        state.Checkpoint.ShouldBe("page-3");
        state.LastProcessedMessageId.ShouldBe("m-12");
        (await host.InstancesAsync()).ShouldHaveSingleItem().InstanceId.ShouldBe("ingest:" + harness.WorkspaceId);
    }

    [Fact]
    public async Task An_activity_that_throws_twice_then_succeeds_is_retried_and_its_message_recorded_once()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 1, perPage: 3);
        var flaky = IngestionHarness.KeyOf(messages[2]);
        harness.Archive.FailReads(flaky, times: 2);
        await using var host = await DurableIngestionHost.StartAsync(harness);

        await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        var done = await host.CompletionAsync();

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        harness.Archive.ReadsOf(flaky).ShouldBe(3);
        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Counts.New.ShouldBe(3);
        run.Counts.Exceptions.ShouldBe(0);
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Count(e => e.Key == flaky).ShouldBe(1);
    }

    [Fact]
    public async Task An_activity_that_always_throws_ends_as_a_ProcessingFailed_exception_and_the_run_still_finalizes()
    {
        await using var harness = new IngestionHarness();
        var messages = harness.AddPages(pages: 2, perPage: 2);
        var broken = IngestionHarness.KeyOf(messages[3]);
        harness.Archive.FailReads(broken, int.MaxValue);
        await using var host = await DurableIngestionHost.StartAsync(harness);

        await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        var done = await host.CompletionAsync();

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<RunSummary>()!.Status.ShouldBe("Succeeded");
        harness.Archive.ReadsOf(broken).ShouldBe(DurableIngestionHost.FastRetry.MaxNumberOfAttempts + 1);
        var exception = (await harness.Store.Records.ListExceptionsAsync(harness.WorkspaceId, null, CancellationToken.None)).ShouldHaveSingleItem();
        exception.Reason.ShouldBe(ExceptionReason.ProcessingFailed);
        exception.EventKey.ShouldBe(broken);
        exception.Details.ShouldContain("IOException");
        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Counts.Fetched.ShouldBe(4);
        run.Counts.ExceptionsByReason.GetValueOrDefault(nameof(ExceptionReason.ProcessingFailed)).ShouldBe(1);
        (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem().Checkpoint.ShouldBe("page-2");
    }

    [Fact]
    public async Task A_notice_during_a_run_is_picked_up_by_one_more_run_of_the_same_instance()
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
        await using var host = await DurableIngestionHost.StartAsync(harness);

        var first = await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        await Task.Delay(200);
        release.SetResult();
        var done = await host.CompletionAsync();

        first.Started.ShouldBeTrue();
        second.Started.ShouldBeFalse();
        second.RunId.ShouldBe(first.RunId);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        (await host.InstancesAsync()).ShouldHaveSingleItem();
        var runs = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).OrderBy(r => r.StartedAt).ToList();
        runs.Count.ShouldBe(2);
        runs[0].RunId.ShouldBe(first.RunId);
        runs[0].Counts.New.ShouldBe(4);
        runs[1].Trigger.ShouldBe("Push");
        runs[1].StartedAt.ShouldBeGreaterThanOrEqualTo(runs[0].EndedAt!.Value.AddMilliseconds(-1));
        runs.ShouldAllBe(r => r.Status == "Succeeded");
    }

    [Fact]
    public async Task Re_running_the_same_window_records_nothing_new()
    {
        await using var harness = new IngestionHarness();
        harness.AddPages(pages: 2, perPage: 3);
        harness.Source.AddPage([IngestionHarness.Sent("s-1", "Re: VPN", "I'll send the fixed config by Friday.", DateTimeOffset.Parse("2026-11-19T15:00:00Z"))]);
        var window = IngestionRequest.For(harness.WorkspaceId, "Manual", DateTimeOffset.Parse("2026-11-01T00:00:00Z"), harness.Settings) with { ReadFromSince = true };
        await using var host = await DurableIngestionHost.StartAsync(harness);

        await host.StartAsync(window);
        await host.CompletionAsync();
        var events = (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Count;
        var commitments = (await harness.Store.Records.ListCommitmentsAsync(harness.WorkspaceId, CancellationToken.None)).Count;
        var again = await host.StartAsync(window);
        var done = await host.CompletionAsync();

        again.Started.ShouldBeTrue();
        var summary = done.ReadOutputAs<RunSummary>().ShouldNotBeNull();
        summary.RunId.ShouldBe(again.RunId);
        summary.Fetched.ShouldBe(7);
        summary.New.ShouldBe(0);
        events.ShouldBe(7);
        commitments.ShouldBeGreaterThan(0);
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(events);
        (await harness.Store.Records.ListCommitmentsAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(commitments);
        (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("Push", true)]
    [InlineData("Backfill", false)]
    public async Task A_backfill_raises_no_reminders_or_stale_ticket_tasks_where_a_push_run_does(string trigger, bool raised)
    {
        await using var harness = new IngestionHarness();
        var longAgo = DateTimeOffset.Parse("2026-10-01T14:00:00Z");
        harness.Source.AddPage(
        [
            IngestionHarness.Received("t-1", "INC0012345 has been assigned to you", longAgo, from: "quarrylane@service-now.com",
                body: "Incident INC0012345 - Priority 2 - High. VPN tunnel down."),
            IngestionHarness.Sent("s-1", "Re: VPN", "I'll send the fixed config by Friday.", longAgo),
        ]);
        await using var host = await DurableIngestionHost.StartAsync(harness);

        await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, trigger, DateTimeOffset.Parse("2026-09-01T00:00:00Z"), harness.Settings));
        await host.CompletionAsync();

        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Trigger.ShouldBe(trigger);
        run.Counts.New.ShouldBe(2);
        var commitments = await harness.Store.Records.ListCommitmentsAsync(harness.WorkspaceId, CancellationToken.None);
        commitments.ShouldNotBeEmpty();
        commitments.Any(c => c.ReminderAt is not null).ShouldBe(raised);
        (await harness.Store.Records.ListTasksAsync(harness.WorkspaceId, CancellationToken.None)).Any(t => t.Kind == "StaleTicket").ShouldBe(raised);
    }

    [Fact]
    public async Task A_backfill_continues_past_its_page_cap_in_further_runs_of_the_same_instance()
    {
        await using var harness = new IngestionHarness(new IngestionSettings { PageSize = 1, BackfillPagesPerRun = 2 });
        harness.AddPages(pages: 5, perPage: 2);
        await using var host = await DurableIngestionHost.StartAsync(harness);

        await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Backfill", DateTimeOffset.Parse("2026-11-01T00:00:00Z"), harness.Settings));
        await host.CompletionAsync();

        var runs = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).OrderBy(r => r.StartedAt).ToList();
        runs.Select(r => r.Counts.New).ShouldBe([4, 4, 2]);
        runs.ShouldAllBe(r => r.Trigger == "Backfill" && r.Status == "Succeeded");
        (await harness.Store.States.ListAsync(harness.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem().Checkpoint.ShouldBe("page-5");
        (await host.InstancesAsync()).ShouldHaveSingleItem();
    }
}
