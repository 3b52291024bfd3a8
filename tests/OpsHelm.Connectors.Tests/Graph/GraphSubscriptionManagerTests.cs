using System.Text.Json.Nodes;
using OpsHelm.Connectors.Graph;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphSubscriptionManagerTests
{
    private const string Mailbox = GraphTestContext.Mailbox;
    private const string WorkspaceId = GraphTestContext.WorkspaceId;

    internal static GraphSubscriptionOptions Options() => new()
    {
        NotificationUrl = "https://opshelm.example.net/api/notifications/graph",
        LifecycleNotificationUrl = "https://opshelm.example.net/api/notifications/graph/lifecycle",
        Lifetime = TimeSpan.FromDays(3),
        RenewBefore = TimeSpan.FromHours(12),
    };

    internal static GraphSubscriptionManager Manager(GraphTestContext context, ISubscriptionStore store) =>
        new(context.Client, Options(), store, context.Health, context.Time);

    [Fact]
    public async Task Create_posts_the_subscription_and_keeps_the_expiry_Graph_granted_and_a_fresh_secret()
    {
        await using var context = await GraphTestContext.StartAsync();
        var store = context.Subscriptions;
        var manager = Manager(context, store);

        var inbox = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        var events = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.EventsResource(Mailbox), default);

        var posted = JsonNode.Parse(context.Graph.Requests.First(r => r.Method == "POST").Body)!;
        ((string?)posted["changeType"]).ShouldBe("created");
        ((string?)posted["notificationUrl"]).ShouldBe("https://opshelm.example.net/api/notifications/graph");
        ((string?)posted["lifecycleNotificationUrl"]).ShouldBe("https://opshelm.example.net/api/notifications/graph/lifecycle");
        ((string?)posted["resource"]).ShouldBe($"users/{Mailbox}/mailFolders('inbox')/messages");
        DateTimeOffset.Parse((string)posted["expirationDateTime"]!).ShouldBe(GraphTestContext.Start.AddDays(3));
        ((string?)posted["clientState"]).ShouldBe(inbox.ClientState);
        // The fake grants at most 2 days: what is kept is Graph's answer, not what was asked.
        inbox.ExpiresAt.ShouldBe(GraphTestContext.Start.AddDays(2));
        inbox.ClientState!.Length.ShouldBe(43);
        events.ClientState.ShouldNotBe(inbox.ClientState);
        (await store.FindAsync(inbox.Id, default)).ShouldBe(inbox);
        (await context.HealthStore.GetAsync(WorkspaceId, Mailbox, default))!.SubscriptionExpiresAt.ShouldBe(GraphTestContext.Start.AddDays(2));
    }

    [Fact]
    public async Task Subscriptions_expiring_soon_are_renewed_and_the_others_left_alone()
    {
        await using var context = await GraphTestContext.StartAsync();
        var store = context.Subscriptions;
        var manager = Manager(context, store);
        var soon = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        context.Time.Advance(TimeSpan.FromDays(1));
        var later = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.EventsResource(Mailbox), default);
        context.Time.Advance(TimeSpan.FromHours(13));
        context.Graph.ClearRequests();

        var touched = await manager.RenewDueAsync(WorkspaceId, default);

        touched.ShouldBe(1);
        var patch = context.Graph.Requests.ShouldHaveSingleItem();
        patch.Method.ShouldBe("PATCH");
        patch.Path.ShouldBe($"/subscriptions/{soon.Id}");
        var renewed = (await store.FindAsync(soon.Id, default))!;
        renewed.ExpiresAt.ShouldBe(context.Time.GetUtcNow().AddDays(2));
        renewed.RenewedAt.ShouldBe(context.Time.GetUtcNow());
        renewed.ClientState.ShouldBe(soon.ClientState);
        (await store.FindAsync(later.Id, default))!.ExpiresAt.ShouldBe(later.ExpiresAt);
    }

    [Fact]
    public async Task Renewing_a_subscription_Graph_no_longer_knows_creates_a_new_one()
    {
        await using var context = await GraphTestContext.StartAsync();
        var store = context.Subscriptions;
        var manager = Manager(context, store);
        var original = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        context.Graph.Subscriptions.Drop(original.Id);

        var replacement = await manager.RenewAsync(original, default);

        replacement.Id.ShouldNotBe(original.Id);
        replacement.Resource.ShouldBe(original.Resource);
        replacement.ClientState.ShouldNotBe(original.ClientState);
        (await store.FindAsync(original.Id, default)).ShouldBeNull();
        (await store.ListAsync(WorkspaceId, default)).ShouldHaveSingleItem().Id.ShouldBe(replacement.Id);
        context.Graph.Subscriptions.All.ShouldHaveSingleItem()["id"]!.ToString().ShouldBe(replacement.Id);
    }

    [Fact]
    public async Task Delete_removes_the_subscription_at_Graph_and_from_the_store()
    {
        await using var context = await GraphTestContext.StartAsync();
        var store = context.Subscriptions;
        var manager = Manager(context, store);
        var subscription = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);

        await manager.DeleteAsync(subscription, default);

        context.Graph.Requests.Last().Method.ShouldBe("DELETE");
        context.Graph.Subscriptions.All.ShouldBeEmpty();
        (await store.ListAsync(WorkspaceId, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_subscription_that_cannot_be_renewed_is_reported_lapsed()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Retry.MaxRetryAttempts = 0);
        var store = context.Subscriptions;
        var manager = Manager(context, store);
        var subscription = await manager.CreateAsync(WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        context.Graph.Fail(r => r.Method == "PATCH", 403, "ExtensionError");

        await Should.ThrowAsync<Microsoft.Kiota.Abstractions.ApiException>(() => manager.RenewAsync(subscription, default));

        var incidents = await context.HealthStore.ListIncidentsAsync(WorkspaceId, "Open", default);
        incidents.Select(i => i.Kind).ShouldBe([IncidentKinds.SubscriptionLapsed, IncidentKinds.CredentialRejected], ignoreOrder: true);
        (await context.HealthStore.GetAsync(WorkspaceId, Mailbox, default))!.State.ShouldBe(SourceStates.Disconnected);
    }

    [Fact]
    public void Options_name_what_is_wrong()
    {
        var problems = new GraphSubscriptionOptions { NotificationUrl = "not a url", Lifetime = TimeSpan.FromDays(8) }.Validate();

        problems.ShouldContain(p => p.StartsWith("Subscriptions.NotificationUrl"));
        problems.ShouldContain(p => p.StartsWith("Subscriptions.Lifetime"));
    }
}
