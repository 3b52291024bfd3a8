using System.Text;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphNotificationHandlerTests
{
    private const string Mailbox = GraphTestContext.Mailbox;

    private sealed record Setup(GraphTestContext Context, ISubscriptionStore Store, GraphNotificationHandler Handler, GraphLifecycleProcessor Lifecycle, ProviderSubscription Subscription);

    private static async Task<Setup> StartAsync(GraphTestContext context)
    {
        var store = context.Subscriptions;
        var inbox = context.Inbox;
        var manager = GraphSubscriptionManagerTests.Manager(context, store);
        var subscription = await manager.CreateAsync(GraphTestContext.WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        var handler = new GraphNotificationHandler(store, inbox, GraphSubscriptionManagerTests.Options(), context.Time, new Doubles.UnroutedTrace(context.HealthStore, context.Time).Deliveries);
        context.Graph.ClearRequests();
        return new Setup(context, store, handler, new GraphLifecycleProcessor(inbox, store, manager), subscription);
    }

    private static Stream Delivery(string fixture, string subscriptionId, string? clientState, string lifecycleEvent = "") =>
        new MemoryStream(Encoding.UTF8.GetBytes(Fixture.Text(fixture)
            .Replace("{subscription}", subscriptionId).Replace("{clientState}", clientState ?? "").Replace("{mailbox}", Mailbox)
            .Replace("{lifecycleEvent}", lifecycleEvent)));

    [Fact]
    public void The_validation_handshake_echoes_the_token()
    {
        GraphNotificationHandler.ValidationReply("Validation: Testing client application reachability for subscription Request-Id: 123").ShouldBe(
            "Validation: Testing client application reachability for subscription Request-Id: 123");
        GraphNotificationHandler.ValidationReply(null).ShouldBeNull();
        GraphNotificationHandler.ValidationReply("").ShouldBeNull();
        GraphNotificationHandler.ValidationReply(new string('x', 5000)).ShouldBeNull();
    }

    [Fact]
    public async Task A_verified_notification_is_recorded_once_however_often_it_is_delivered()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);

        var first = await setup.Handler.HandleAsync(Delivery("Graph/notification-created.json", setup.Subscription.Id, setup.Subscription.ClientState), default);
        var again = await setup.Handler.HandleAsync(Delivery("Graph/notification-created.json", setup.Subscription.Id, setup.Subscription.ClientState), default);

        first.StatusCode.ShouldBe(202);
        first.Accepted.ShouldBe(1);
        again.StatusCode.ShouldBe(202);
        again.Accepted.ShouldBe(0);
        again.Duplicates.ShouldBe(1);
        var notice = (await context.PendingPushesAsync()).ShouldHaveSingleItem();
        notice.WorkspaceId.ShouldBe(GraphTestContext.WorkspaceId);
        notice.Provider.ShouldBe("Graph");
        notice.SourceId.ShouldBe(Mailbox);
        notice.Kind.ShouldBe("created");
        notice.Payload.ShouldContain("\"resourceId\":\"AAMkAGUAAAwTW09AAA=\"");
        notice.Payload.ShouldNotContain(setup.Subscription.ClientState!);
    }

    [Fact]
    public async Task A_forged_clientState_is_rejected_and_nothing_is_stored()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);
        var forged = setup.Subscription.ClientState![..^1] + (setup.Subscription.ClientState[^1] == 'A' ? 'B' : 'A');

        var result = await setup.Handler.HandleAsync(Delivery("Graph/notification-created.json", setup.Subscription.Id, forged), default);

        result.StatusCode.ShouldBe(403);
        result.Rejected.ShouldBe(1);
        result.Problems.ShouldHaveSingleItem().ShouldContain("clientState");
        (await context.PendingPushesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_notification_for_an_unknown_subscription_is_rejected_and_nothing_is_stored()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);

        var result = await setup.Handler.HandleAsync(Delivery("Graph/notification-created.json", Guid.NewGuid().ToString(), setup.Subscription.ClientState), default);

        result.StatusCode.ShouldBe(403);
        result.Problems.ShouldHaveSingleItem().ShouldContain("unknown subscription");
        (await context.PendingPushesAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"notvalue\":[]}")]
    public async Task A_body_that_is_not_a_notification_collection_is_malformed(string body)
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);

        var result = await setup.Handler.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), default);

        result.StatusCode.ShouldBe(400);
        (await context.PendingPushesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_unread()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);
        var huge = "{\"value\":[" + string.Join(',', Enumerable.Repeat("{\"subscriptionId\":\"x\"}", 60_000)) + "]}";

        var result = await setup.Handler.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(huge)), default);

        result.StatusCode.ShouldBe(400);
        result.Problems.ShouldHaveSingleItem().ShouldContain("1048576 bytes");
        (await context.PendingPushesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReauthorizationRequired_is_acknowledged_without_calling_Graph_then_renews_the_subscription()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);
        context.Time.Advance(TimeSpan.FromHours(1));

        var result = await setup.Handler.HandleAsync(Delivery("Graph/notification-lifecycle.json", setup.Subscription.Id, setup.Subscription.ClientState, "reauthorizationRequired"), default);

        result.StatusCode.ShouldBe(202);
        context.Graph.Requests.ShouldBeEmpty();
        (await context.PendingPushesAsync()).ShouldHaveSingleItem().Kind.ShouldBe("reauthorizationRequired");

        (await setup.Lifecycle.ProcessAsync(GraphTestContext.WorkspaceId, default)).ShouldBe(1);

        context.Graph.Requests.ShouldHaveSingleItem().Method.ShouldBe("PATCH");
        (await setup.Store.FindAsync(setup.Subscription.Id, default))!.ExpiresAt.ShouldBe(context.Time.GetUtcNow().AddDays(2));
        (await context.PendingPushesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_renewal_Graph_refuses_leaves_the_lifecycle_notice_pending_for_the_next_pass()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);
        await setup.Handler.HandleAsync(Delivery("Graph/notification-lifecycle.json", setup.Subscription.Id, setup.Subscription.ClientState, "reauthorizationRequired"), default);
        context.Graph.Fail(r => r.Method == "PATCH", 403, "Forbidden");

        (await setup.Lifecycle.ProcessAsync(GraphTestContext.WorkspaceId, default)).ShouldBe(0);

        (await context.PendingPushesAsync()).ShouldHaveSingleItem().Kind.ShouldBe("reauthorizationRequired");
        (await setup.Store.FindAsync(setup.Subscription.Id, default))!.ExpiresAt.ShouldBe(setup.Subscription.ExpiresAt);
    }

    [Fact]
    public async Task SubscriptionRemoved_is_acknowledged_then_recreates_the_subscription()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);
        context.Graph.Subscriptions.Drop(setup.Subscription.Id);

        var result = await setup.Handler.HandleAsync(Delivery("Graph/notification-lifecycle.json", setup.Subscription.Id, setup.Subscription.ClientState, "subscriptionRemoved"), default);

        result.StatusCode.ShouldBe(202);
        context.Graph.Requests.ShouldBeEmpty();
        (await setup.Lifecycle.ProcessAsync(GraphTestContext.WorkspaceId, default)).ShouldBe(1);
        var replacement = (await setup.Store.ListAsync(GraphTestContext.WorkspaceId, default)).ShouldHaveSingleItem();
        replacement.Id.ShouldNotBe(setup.Subscription.Id);
        replacement.Resource.ShouldBe(setup.Subscription.Resource);
        context.Graph.Requests.Select(r => r.Method).ShouldBe(["DELETE", "POST"]);
    }

    [Fact]
    public async Task Missed_is_recorded_as_a_resync_notice_without_calling_Graph()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);

        var result = await setup.Handler.HandleAsync(Delivery("Graph/notification-lifecycle.json", setup.Subscription.Id, setup.Subscription.ClientState, "missed"), default);
        var again = await setup.Handler.HandleAsync(Delivery("Graph/notification-lifecycle.json", setup.Subscription.Id, setup.Subscription.ClientState, "missed"), default);

        result.Accepted.ShouldBe(1);
        again.Duplicates.ShouldBe(1);
        (await context.PendingPushesAsync()).ShouldHaveSingleItem().Kind.ShouldBe("missed");
        context.Graph.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_forged_lifecycle_notification_changes_nothing()
    {
        await using var context = await GraphTestContext.StartAsync();
        var setup = await StartAsync(context);

        var result = await setup.Handler.HandleAsync(Delivery("Graph/notification-lifecycle.json", setup.Subscription.Id, "guessed", "subscriptionRemoved"), default);

        result.StatusCode.ShouldBe(403);
        context.Graph.Requests.ShouldBeEmpty();
        (await setup.Store.FindAsync(setup.Subscription.Id, default)).ShouldNotBeNull();
        (await context.PendingPushesAsync()).ShouldBeEmpty();
    }
}
