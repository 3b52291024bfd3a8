using OpsHelm.Connectors.Graph;
using OpsHelm.Api.Sources;
using OpsHelm.Api.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Api.Workspaces;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Tests.Ingestion;
using OpsHelm.Functions.Ingestion;
using Notice = OpsHelm.Api.Ingestion.InboundNotice;

namespace OpsHelm.Functions.Tests.Ingestion;

/// <summary>The queue trigger with a real Durable client on the in-process runtime, over the embedded store's push inbox.</summary>
public sealed class InboundNoticeTests
{
    [Fact]
    public async Task A_notice_starts_the_workspace_orchestration_and_a_duplicate_delivered_after_its_run_does_nothing()
    {
        await using var harness = new IngestionHarness();
        harness.AddPages(pages: 2, perPage: 2);
        await RecordPushAsync(harness, "push-1");
        await using var host = await DurableIngestionHost.StartAsync(harness);
        var function = Function(harness, host);
        var notice = new Notice("Graph", harness.WorkspaceId, "push-1");

        (await function.RunAsync(notice, host.Client, CancellationToken.None)).ShouldBe(1);
        var done = await host.CompletionAsync();
        (await function.RunAsync(notice, host.Client, CancellationToken.None)).ShouldBe(0);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        (await harness.Store.PushInbox.ListPendingAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldBeEmpty();
        (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem().Counts.New.ShouldBe(4);
        (await host.InstancesAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Notices_delivered_out_of_order_are_answered_by_one_run_and_the_late_one_finds_nothing_left()
    {
        await using var harness = new IngestionHarness();
        harness.AddPages(pages: 1, perPage: 3);
        await RecordPushAsync(harness, "push-1");
        await RecordPushAsync(harness, "push-2");
        await using var host = await DurableIngestionHost.StartAsync(harness);
        var function = Function(harness, host);

        (await function.RunAsync(new Notice("Gmail", harness.WorkspaceId, "push-2"), host.Client, CancellationToken.None)).ShouldBe(1);
        await host.CompletionAsync();
        (await function.RunAsync(new Notice("Gmail", harness.WorkspaceId, "push-1"), host.Client, CancellationToken.None)).ShouldBe(0);

        (await harness.Store.PushInbox.ListPendingAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldBeEmpty();
        (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_notice_that_names_no_workspace_asks_each_workspace_with_a_pending_push()
    {
        await using var harness = new IngestionHarness();
        harness.AddPages(pages: 1, perPage: 1);
        await RecordPushAsync(harness, "push-1");
        await using var host = await DurableIngestionHost.StartAsync(harness);
        var function = Function(harness, host);

        (await function.RunAsync(new Notice("Graph"), host.Client, CancellationToken.None)).ShouldBe(1);
        await host.CompletionAsync();
        (await function.RunAsync(new Notice("Graph"), host.Client, CancellationToken.None)).ShouldBe(0);

        (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_notice_for_a_workspace_that_is_not_configured_fails_so_the_host_retries_it_into_the_poison_queue()
    {
        await using var harness = new IngestionHarness();
        await using var host = await DurableIngestionHost.StartAsync(harness);

        await Should.ThrowAsync<WorkspaceNotConfiguredException>(() =>
            Function(harness, host).RunAsync(new Notice("Graph", "ws-nobody", "push-9"), host.Client, CancellationToken.None));
        (await host.InstancesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_poison_notice_becomes_an_open_incident_of_its_workspace()
    {
        await using var harness = new IngestionHarness();
        var poison = new InboundNoticePoison(harness.Store.Health, harness.Time);

        await poison.RunAsync("""{"provider":"Graph","workspaceId":"ws-ingest","pushId":"push-7"}""", CancellationToken.None);
        await poison.RunAsync("""{"provider":"Graph","workspaceId":"ws-ingest","pushId":"push-7"}""", CancellationToken.None);

        var incident = (await harness.Store.Health.ListIncidentsAsync(harness.WorkspaceId, null, CancellationToken.None)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.PoisonNotice);
        incident.Status.ShouldBe("Open");
        incident.SourceId.ShouldBe("Graph");
        incident.Details.ShouldContain("push-7");
    }

    [Fact]
    public async Task An_unreadable_poison_notice_becomes_an_incident_without_its_text()
    {
        await using var harness = new IngestionHarness();
        var poison = new InboundNoticePoison(harness.Store.Health, harness.Time);

        await poison.RunAsync("<script>alert('x')</script> not json", CancellationToken.None);

        var incident = (await harness.Store.Health.ListIncidentsAsync(InboundNoticePoison.UnknownWorkspace, null, CancellationToken.None)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.PoisonNotice);
        incident.Details.ShouldNotContain("script");
    }

    private static InboundNotice Function(IngestionHarness harness, DurableIngestionHost host) =>
        new(new WorkspaceRegistry([IngestionHarness.Workspace]), harness.Store.PushInbox, host.Starter,
            new LifecycleNotices(Configured.Of<GraphSubscriptionManager>(() => throw new InvalidOperationException("Graph is not configured here")),
                harness.Store.PushInbox, harness.Store.Subscriptions),
            NullLogger<InboundNotice>.Instance);

    private static Task<bool> RecordPushAsync(IngestionHarness harness, string id) => harness.Store.PushInbox.AddAsync(new PushNotice
    {
        Id = id,
        WorkspaceId = harness.WorkspaceId,
        Provider = "Graph",
        SourceId = IngestionHarness.Mailbox,
        Kind = "created",
        ReceivedAt = harness.Time.GetUtcNow(),
    }, CancellationToken.None);
}
