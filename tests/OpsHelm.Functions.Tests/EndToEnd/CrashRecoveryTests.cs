using System.Net;
using Xunit.Abstractions;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>SIGKILL during a 2,000-message run, five times: afterwards everything is recorded once and the run is finalized.</summary>
[Collection(nameof(EndToEndCollection))]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_five_times_mid_run_every_message_is_recorded_once_and_the_run_is_finalized_at_the_last_page()
    {
        const int Messages = 2_000;
        await using var e2e = await GraphEndToEnd.StartAsync(pageSize: 50);
        var ids = e2e.AddMessages(Messages);
        await e2e.StartAppAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (await e2e.CreateSubscriptionsAsync(http))
        {
            (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph", e2e.Notification(ids[^1]))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var random = new Random(20261121);
        for (var kill = 1; kill <= 5; kill++)
        {
            // Somewhere inside the run: while pages are pulled or items processed, before it is finalized.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2_500)));
            var runs = await e2e.RunsAsync(http);
            e2e.App!.Kill();
            var push = runs.FirstOrDefault(r => r.Trigger == "Push");
            output.WriteLine($"kill {kill}: run {push?.Status ?? "not started"}, {push?.Counts.Fetched ?? 0} fetched so far");
            await e2e.StartAppAsync();
        }

        var finished = await e2e.WaitForRunsAsync(http, r => r.Any(run => run is { Trigger: "Push", Status: "Succeeded" }), TimeSpan.FromMinutes(5));
        var run = finished.Single(r => r.Trigger == "Push");
        output.WriteLine($"finalized: {run.Counts.Fetched} fetched, {run.Counts.New} new, {run.Counts.AlreadyRecorded} already recorded, {run.DurationMs} ms");
        e2e.App!.Kill();

        await using var store = e2e.OpenStore();
        var events = await store.Records.ListEventsAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None);
        events.Count.ShouldBe(Messages);
        events.Select(e => e.ProviderMessageId).Distinct().Count().ShouldBe(Messages, "every message exactly once");
        events.Select(e => e.ProviderMessageId).Order().ShouldBe(ids.Order());
        var tickets = await store.Records.ListTicketsAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None);
        tickets.Select(t => t.TicketId).Distinct().Count().ShouldBe(tickets.Count);
        tickets.Count.ShouldBe(20);
        tickets.Sum(t => t.MessageCount).ShouldBe(Messages / 10, "each ticket message counted once, however often its item ran");
        var commitments = await store.Records.ListCommitmentsAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None);
        commitments.Select(c => c.Key).Distinct().Count().ShouldBe(commitments.Count);
        run.Counts.Fetched.ShouldBe(Messages);
        (run.Counts.New + run.Counts.AlreadyRecorded).ShouldBe(Messages);
        var checkpoint = (await store.States.ListAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None)).Single(s => s.Folder == "inbox");
        checkpoint.Checkpoint.ShouldBe(e2e.Graph.Mail.LastDeltaLink(GraphEndToEnd.Mailbox, "inbox"), "the checkpoint is the last page's delta link");
        (await store.PushInbox.ListPendingAsync(GraphEndToEnd.WorkspaceId, 10, CancellationToken.None)).ShouldBeEmpty();
    }
}
