using System.Net;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>Graph delivers at least once and in any order: repeats and a lifecycle notice ahead of its data change nothing beyond one processing.</summary>
[Collection(nameof(EndToEndCollection))]
public sealed class DuplicateDeliveryTests
{
    [Fact]
    public async Task The_same_notification_three_times_and_a_missed_lifecycle_notice_before_its_data_record_each_message_once()
    {
        await using var e2e = await GraphEndToEnd.StartAsync(pageSize: 10);
        e2e.Graph.Mail.AddFolder(GraphEndToEnd.Mailbox, "inbox");
        e2e.Graph.Mail.AddFolder(GraphEndToEnd.Mailbox, "sentitems");
        await e2e.StartAppAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (await e2e.CreateSubscriptionsAsync(http))
        {
        }

        // The lifecycle notice says notifications were missed, before the message it concerns exists at Graph.
        (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph/lifecycle", e2e.Lifecycle("missed"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await e2e.WaitForRunsAsync(http, r => r.Any(run => run.Status == "Succeeded"), TimeSpan.FromSeconds(60));

        var ids = e2e.AddMessages(15);
        for (var i = 0; i < 3; i++)
        {
            (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph", e2e.Notification(ids[^1]))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
        var runs = await e2e.WaitForRunsAsync(http, r => r.Sum(run => run.Counts.New) == 15 && r.All(run => run.Status != "Running"), TimeSpan.FromSeconds(60));
        // Give a wrongly repeated pull the chance to show itself.
        await Task.Delay(TimeSpan.FromSeconds(2));
        runs = await e2e.RunsAsync(http);
        e2e.App!.Kill();

        runs.Count.ShouldBe(2, "one pull for the lifecycle notice, one for the three deliveries of the same notification");
        runs.Sum(r => r.Counts.New).ShouldBe(15);
        runs.ShouldAllBe(r => r.Status == "Succeeded");
        await using var store = e2e.OpenStore();
        (await store.Records.ListEventsAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None)).Count.ShouldBe(15);
        (await store.PushInbox.ListPendingAsync(GraphEndToEnd.WorkspaceId, 10, CancellationToken.None)).ShouldBeEmpty();
    }
}
