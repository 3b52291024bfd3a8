using System.Net;
using System.Text;
using System.Text.Json;
using OpsHelm.Storage.Tests.Azure.ServiceBus;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>
/// The ServiceBus queue kind, the app as a real process: pulls and items are announced over the Service Bus REST API (to a
/// loopback namespace checking the documented wire format, with a managed-identity token), and the test plays the
/// Functions host's session trigger, posting each message to <c>/ProcessWorkItem</c>.
/// </summary>
[Collection(nameof(EndToEndCollection))]
public sealed class ServiceBusEndToEndTests
{
    private static async Task<(GraphEndToEnd E2e, FakeServiceBus Bus)> StartAsync(int pageSize)
    {
        var e2e = await GraphEndToEnd.StartAsync(pageSize);
        var bus = await FakeServiceBus.StartAsync();
        e2e.Identity.TokensByResource["https://servicebus.azure.net"] = FakeServiceBus.Token;
        e2e.ExtraSettings["OpsHelm__Queue__Kind"] = "ServiceBus";
        e2e.ExtraSettings["OpsHelm__Queue__ServiceBusNamespace"] = bus.Namespace;
        e2e.ExtraSettings["OpsHelm__Queue__QueueName"] = bus.Queue;
        e2e.ExtraSettings["OpsHelm__Queue__ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001";
        return (e2e, bus);
    }

    [Fact]
    public async Task Pushes_become_one_pull_message_and_every_item_a_message_in_the_workspace_session_and_the_run_is_finalized()
    {
        var (e2e, bus) = await StartAsync(pageSize: 25);
        await using var _ = e2e;
        await using var __ = bus;
        var ids = e2e.AddMessages(120);
        await e2e.StartAppAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using (await e2e.CreateSubscriptionsAsync(http))
        {
        }
        var host = new ServiceBusHost(bus, http, e2e.BaseUrl);

        for (var i = 0; i < 3; i++)
        {
            (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph", e2e.Notification(ids[^1]))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
        (await e2e.RunsAsync(http)).ShouldBeEmpty("under the ServiceBus kind nothing is pulled until the pull message is delivered");
        await host.RunUntilAsync(async () => (await e2e.RunsAsync(http)).Any(r => r.Status == "Succeeded"), TimeSpan.FromSeconds(120), () => e2e.App!.Output);

        var run = (await e2e.RunsAsync(http)).Single();
        (run.Status, run.Counts.Fetched, run.Counts.New).ShouldBe(("Succeeded", 120, 120));
        bus.Refusals.ShouldBeEmpty();
        var pulls = bus.Accepted.Where(m => m.SessionId == "pulls").ToList();
        pulls.Count.ShouldBeInRange(1, 2, "three pushes within a second or two fold into one pull message per second");
        pulls.ShouldAllBe(m => m.ScheduledEnqueueTime != null && m.MessageId.StartsWith("pull:", StringComparison.Ordinal));
        var items = bus.Accepted.Where(m => m.SessionId != "pulls").ToList();
        items.Count.ShouldBe(120, "one message per item");
        items.ShouldAllBe(m => m.SessionId == GraphEndToEnd.WorkspaceId);
        items.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("itemId").GetString()).Distinct().Count().ShouldBe(120);
        host.Failures.ShouldBeEmpty();
        e2e.Identity.Resources.ShouldContain("https://servicebus.azure.net", "the sender's token came from the managed identity");

        // The host delivers at least once: a message delivered again finds its item finished and changes nothing.
        (await host.DeliverAsync(items[7] with { DeliveryCount = 2 })).ShouldBe(200);
        e2e.App!.Kill();
        await using var store = e2e.OpenStore();
        (await store.Records.ListEventsAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None)).Count.ShouldBe(120);
        (await store.PushInbox.ListPendingAsync(GraphEndToEnd.WorkspaceId, 10, CancellationToken.None)).ShouldBeEmpty();
        (await store.WorkQueue.CountUnfinishedAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Items_whose_announcement_failed_are_announced_again_by_the_supervisor_and_nothing_is_lost()
    {
        var (e2e, bus) = await StartAsync(pageSize: 10);
        await using var _ = e2e;
        await using var __ = bus;
        var ids = e2e.AddMessages(30);
        await e2e.StartAppAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using (await e2e.CreateSubscriptionsAsync(http))
        {
        }
        var host = new ServiceBusHost(bus, http, e2e.BaseUrl);
        (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph", e2e.Notification(ids[^1]))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        bus.Accepted.Count.ShouldBe(1, "the pull message");

        // Service Bus is down for the first page's announcement: the send and its three retries are refused.
        bus.FailNext(HttpStatusCode.ServiceUnavailable, 4);
        await host.RunUntilAsync(() => Task.FromResult(bus.Queued.Count == 0 && bus.Accepted.Count >= 21), TimeSpan.FromSeconds(60));
        bus.Refusals.Count.ShouldBe(4);
        await host.RunUntilAsync(() => Task.FromResult(bus.Queued.Count == 0), TimeSpan.FromSeconds(30));
        var stuck = (await e2e.RunsAsync(http)).Single();
        stuck.Status.ShouldBe("Running", "ten items were never announced");
        stuck.FanOut!.Complete.ShouldBeTrue();

        // Past StallAfter (5 s here) the supervisor timer announces the overdue items again.
        await Task.Delay(TimeSpan.FromSeconds(6));
        using var supervisor = await http.PostAsync(e2e.BaseUrl + "/Supervisor",
            new StringContent("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"));
        var report = await supervisor.Content.ReadAsStringAsync();
        supervisor.StatusCode.ShouldBe(HttpStatusCode.OK, report);
        report.ShouldContain("10 overdue items announced again");
        await host.RunUntilAsync(async () => (await e2e.RunsAsync(http)).Single().Status == "Succeeded", TimeSpan.FromSeconds(60), () => e2e.App!.Output);

        var run = (await e2e.RunsAsync(http)).Single();
        (run.Counts.Fetched, run.Counts.New).ShouldBe((30, 30));
        e2e.App!.Kill();
        await using var store = e2e.OpenStore();
        (await store.Records.ListEventsAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None)).Count.ShouldBe(30);
    }
}
