using System.Diagnostics;
using Microsoft.DurableTask.Client;
using OpsHelm.Core.Records;
using OpsHelm.DurableWorker.Harness;
using Xunit.Abstractions;

namespace OpsHelm.DurableWorker.Tests.Ingestion;

/// <summary>
/// The ingestion orchestration on DurableTask.AzureStorage over Azurite, its worker process (which runs the activities)
/// SIGKILLed mid-fan-out and restarted: the engine's own redelivery finishes the run.
/// </summary>
public sealed class IngestionOrchestratorKillTests(DurableAzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<DurableAzuriteFixture>
{
    [Fact]
    public async Task Killed_twice_mid_fan_out_every_message_is_recorded_once_the_run_is_finalized_and_the_checkpoint_is_the_last_pages()
    {
        const int Messages = 200;
        // Pages larger than the 20 activities run at once, so a page's fan-out is in flight for a while and a kill lands inside it.
        const int PageSize = 50;
        const int Kills = 2;
        var pages = Messages / PageSize;
        await using var run = IngestionRunDriver.Create(azurite.ConnectionString, Messages, PageSize, WorkerSettings.KillTestTimings);
        var clock = Stopwatch.StartNew();

        run.StartWorker(startRun: true);
        var recorded = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var seen = await run.WaitUntilRecordedAsync(recorded + 30 + 20 * (kill - 1), TimeSpan.FromSeconds(90));
            run.KillWorker();
            recorded = await run.RecordedAsync();
            output.WriteLine($"kill {kill}: SIGKILL at {seen} recorded ({recorded} once it was gone: page {recorded / PageSize + 1} had "
                + $"{recorded % PageSize} of {PageSize} recorded), {clock.Elapsed.TotalSeconds:F1} s");
            recorded.ShouldBeLessThan(Messages, "the kill lands mid-fan-out, before every message is recorded");
            run.StartWorker(startRun: false);
        }
        var instance = await run.WaitForEndAsync(TimeSpan.FromMinutes(3));
        clock.Stop();

        instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, run.Worker?.Output);
        var events = await run.Store.Records.ListEventsAsync(run.Settings.WorkspaceId, CancellationToken.None);
        var duplicates = events.Count - events.Select(e => e.ProviderMessageId).Distinct().Count();
        var runs = await run.Store.Records.ListRunsAsync(run.Settings.WorkspaceId, 10, CancellationToken.None);
        var state = (await run.Store.States.ListAsync(run.Settings.WorkspaceId, CancellationToken.None)).Single();
        output.WriteLine($"messages {Messages} in {pages} pages, kills {Kills}, recorded {events.Count}, duplicates found {duplicates}, "
            + $"instance {instance.RuntimeStatus}, run {string.Join(",", runs.Select(r => r.Status))}, checkpoint {state.Checkpoint}, "
            + $"{clock.Elapsed.TotalSeconds:F1} s ({Messages / clock.Elapsed.TotalSeconds:F1} ProcessMessage activities/s with the kills)");

        duplicates.ShouldBe(0);
        events.Select(e => e.ProviderMessageId).Order().ShouldBe(Enumerable.Range(1, Messages).Select(FakeMailbox.IdOf));
        var tickets = await run.Store.Records.ListTicketsAsync(run.Settings.WorkspaceId, CancellationToken.None);
        tickets.Count.ShouldBe(20);
        tickets.Sum(t => t.MessageCount).ShouldBe(Messages / 10, "each ticket message counted once, however often its activity ran");
        (await run.Store.Records.ListExceptionsAsync(run.Settings.WorkspaceId, null, CancellationToken.None))
            .ShouldNotContain(e => e.Reason == ExceptionReason.ProcessingFailed);

        var finalized = runs.ShouldHaveSingleItem();
        finalized.Status.ShouldBe("Succeeded");
        finalized.EndedAt.ShouldNotBeNull();
        finalized.Counts.Fetched.ShouldBe(Messages);
        (finalized.Counts.New + finalized.Counts.AlreadyRecorded).ShouldBe(Messages);

        state.Mailbox.ShouldBe(FakeMailbox.Address);
        state.Folder.ShouldBe(FakeMailbox.Folder);
        state.Checkpoint.ShouldBe(FakeMailbox.CheckpointAfter(pages, pages), "the checkpoint is the last page's");
        state.LastProcessedMessageId.ShouldBe(FakeMailbox.IdOf(Messages));
    }
}
