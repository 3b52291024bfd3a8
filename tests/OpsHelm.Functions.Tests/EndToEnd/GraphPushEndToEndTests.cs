using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>The app as a real process, driven through the fake Graph: subscription, validation, notification, fan-out, items, finalized run, portal.</summary>
[Collection(nameof(EndToEndCollection))]
public sealed class GraphPushEndToEndTests
{
    [Fact]
    public async Task A_graph_notification_fans_out_records_every_message_and_the_portal_shows_the_finalized_run()
    {
        await using var e2e = await GraphEndToEnd.StartAsync(pageSize: 25);
        var ids = e2e.AddMessages(120);
        await e2e.StartAppAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var created = await e2e.CreateSubscriptionsAsync(http);
        e2e.Graph.Subscriptions.All.Count.ShouldBe(2, created.RootElement.GetRawText());
        e2e.Graph.Subscriptions.Validations.ShouldNotBeEmpty();
        e2e.Graph.Subscriptions.Validations.ShouldAllBe(v => v.Passed, "Graph's validation handshake reached the app and was echoed");

        (await http.PostAsync(e2e.BaseUrl + "/api/notifications/graph", e2e.Notification(ids[^1]))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var runs = await e2e.WaitForRunsAsync(http, r => r.Any(run => run is { Trigger: "Push", Status: "Succeeded" }), TimeSpan.FromSeconds(120));
        var run = runs.Single(r => r.Trigger == "Push");
        run.Counts.New.ShouldBe(120);
        run.Counts.Fetched.ShouldBe(120);
        run.CheckpointWritten.ShouldBeTrue();
        run.Counts.PerCategory.Values.Sum().ShouldBe(120);
        e2e.Identity.Requests.ShouldBeGreaterThan(0, "the real managed identity credential fetched the token");

        var detail = await http.GetFromJsonAsync<JsonElement>($"{e2e.BaseUrl}/api/workspaces/{GraphEndToEnd.WorkspaceId}/runs/{run.RunId}");
        detail.GetProperty("status").GetString().ShouldBe("Succeeded");
        var tickets = await http.GetFromJsonAsync<JsonElement>($"{e2e.BaseUrl}/api/workspaces/{GraphEndToEnd.WorkspaceId}/tickets");
        tickets.GetArrayLength().ShouldBe(12, "every tenth of 120 messages names one of 20 incidents: 12 distinct ones");

        e2e.App!.Kill();
        await using var store = e2e.OpenStore();
        (await store.PushInbox.ListPendingAsync(GraphEndToEnd.WorkspaceId, 10, CancellationToken.None)).ShouldBeEmpty("the push is Done once its pull is recorded");
        var checkpoint = (await store.States.ListAsync(GraphEndToEnd.WorkspaceId, CancellationToken.None)).Single(s => s.Folder == "inbox");
        checkpoint.Checkpoint.ShouldBe(e2e.Graph.Mail.LastDeltaLink(GraphEndToEnd.Mailbox, "inbox"));
    }
}

/// <summary>End-to-end tests start real processes and servers: one at a time.</summary>
[CollectionDefinition(nameof(EndToEndCollection), DisableParallelization = true)]
public sealed class EndToEndCollection;
