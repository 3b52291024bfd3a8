using OpsHelm.Core.Sources;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static SourceHealth Health(string workspaceId, string sourceId, string state = SourceStates.Connected) =>
        new() { WorkspaceId = workspaceId, SourceId = sourceId, Provider = "Graph", State = state };

    private static SourceIncident Incident(string workspaceId, string id, DateTimeOffset openedAt, string status = "Open") => new()
    {
        Id = id, WorkspaceId = workspaceId, SourceId = "me@x", Kind = IncidentKinds.RepeatedFailures, Details = "3 calls failed",
        Status = status, OpenedAt = openedAt,
    };

    [Fact]
    public async Task Source_health_is_saved_replaced_and_listed_per_workspace()
    {
        await Store.Health.SaveAsync(Health("ws", "b@x"), None);
        await Store.Health.SaveAsync(Health("ws", "a@x"), None);
        await Store.Health.SaveAsync(Health("ws", "b@x", SourceStates.Disconnected) with { ConsecutiveFailures = 3 }, None);
        await Store.Health.SaveAsync(Health("other", "c@x"), None);

        (await Store.Health.GetAsync("ws", "b@x", None))!.ConsecutiveFailures.ShouldBe(3);
        (await Store.Health.GetAsync("ws", "c@x", None)).ShouldBeNull();
        (await Store.Health.ListAsync("ws", None)).Select(h => (h.SourceId, h.State)).ShouldBe([("a@x", SourceStates.Connected), ("b@x", SourceStates.Disconnected)]);
    }

    [Fact]
    public async Task Incidents_are_replaced_by_id_listed_newest_first_and_filtered_by_status()
    {
        await Store.Health.SaveIncidentAsync(Incident("ws", "i1", Samples.SentAt), None);
        await Store.Health.SaveIncidentAsync(Incident("ws", "i2", Samples.SentAt.AddHours(1)), None);
        await Store.Health.SaveIncidentAsync(Incident("ws", "i1", Samples.SentAt) with { Status = "Resolved", ResolvedAt = Samples.SentAt.AddHours(2) }, None);
        await Store.Health.SaveIncidentAsync(Incident("other", "i3", Samples.SentAt), None);

        (await Store.Health.ListIncidentsAsync("ws", null, None)).Select(i => i.Id).ShouldBe(["i2", "i1"]);
        (await Store.Health.ListIncidentsAsync("ws", "Open", None)).Select(i => i.Id).ShouldBe(["i2"]);
        (await Store.Health.ListIncidentsAsync("ws", "resolved", None)).Single().ResolvedAt.ShouldBe(Samples.SentAt.AddHours(2));
    }

    [Fact]
    public async Task The_health_tracker_over_the_store_disconnects_on_a_rejected_credential_and_recovers_on_success()
    {
        var tracker = new SourceHealthTracker(Store.Health, Time);

        await tracker.RecordFailureAsync("ws", "me@x", "Graph", "401 Unauthorized", credentialRejected: true, None);
        (await Store.Health.GetAsync("ws", "me@x", None))!.State.ShouldBe(SourceStates.Disconnected);
        (await Store.Health.ListIncidentsAsync("ws", "Open", None)).Single().Kind.ShouldBe(IncidentKinds.CredentialRejected);

        Time.Advance(TimeSpan.FromMinutes(5));
        await tracker.RecordSuccessAsync("ws", "me@x", "Graph", None);

        (await Store.Health.GetAsync("ws", "me@x", None))!.State.ShouldBe(SourceStates.Connected);
        (await Store.Health.ListIncidentsAsync("ws", "Open", None)).ShouldBeEmpty();
        (await Store.Health.ListIncidentsAsync("ws", "Resolved", None)).Count.ShouldBe(1);
    }

    private static ProviderSubscription Subscription(string workspaceId, string id) => new()
    {
        Id = id, WorkspaceId = workspaceId, Provider = "Graph", SourceId = "me@x", Resource = "/users/me@x/messages",
        ClientState = "secret-" + id, ExpiresAt = Samples.SentAt.AddDays(2), RenewedAt = Samples.SentAt,
    };

    [Fact]
    public async Task A_subscription_is_found_by_its_id_alone_and_listed_only_in_its_workspace()
    {
        await Store.Subscriptions.SaveAsync(Subscription("ws", "sub-1"), None);
        await Store.Subscriptions.SaveAsync(Subscription("ws", "gmail:me@x.com"), None);
        await Store.Subscriptions.SaveAsync(Subscription("other", "sub-2"), None);
        await Store.Subscriptions.SaveAsync(Subscription("ws", "sub-1") with { ExpiresAt = Samples.SentAt.AddDays(3) }, None);

        var found = await Store.Subscriptions.FindAsync("sub-1", None);

        found!.WorkspaceId.ShouldBe("ws");
        found.ExpiresAt.ShouldBe(Samples.SentAt.AddDays(3));
        (await Store.Subscriptions.FindAsync("sub-2", None))!.WorkspaceId.ShouldBe("other");
        (await Store.Subscriptions.FindAsync("unknown", None)).ShouldBeNull();
        (await Store.Subscriptions.ListAsync("ws", None)).Select(s => s.Id).ShouldBe(["gmail:me@x.com", "sub-1"]);
    }

    [Fact]
    public async Task A_deleted_subscription_is_forgotten_and_a_second_delete_says_it_was_not_there()
    {
        await Store.Subscriptions.SaveAsync(Subscription("ws", "sub-1"), None);

        (await Store.Subscriptions.DeleteAsync("other", "sub-1", None)).ShouldBeFalse();
        (await Store.Subscriptions.DeleteAsync("ws", "sub-1", None)).ShouldBeTrue();
        (await Store.Subscriptions.DeleteAsync("ws", "sub-1", None)).ShouldBeFalse();

        (await Store.Subscriptions.FindAsync("sub-1", None)).ShouldBeNull();
        (await Store.Subscriptions.ListAsync("ws", None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_subscription_id_owned_by_one_workspace_cannot_be_saved_for_another()
    {
        await Store.Subscriptions.SaveAsync(Subscription("ws", "sub-1"), None);

        await Should.ThrowAsync<InvalidOperationException>(() => Store.Subscriptions.SaveAsync(Subscription("intruder", "sub-1"), None));

        (await Store.Subscriptions.FindAsync("sub-1", None))!.WorkspaceId.ShouldBe("ws");
        (await Store.Subscriptions.ListAsync("intruder", None)).ShouldBeEmpty();
    }

    private static PushNotice Notice(string workspaceId, string id, DateTimeOffset receivedAt) => new()
    {
        Id = id, WorkspaceId = workspaceId, Provider = "Graph", SourceId = "me@x", Kind = "created",
        Payload = """{"resource":"messages/1"}""", ReceivedAt = receivedAt,
    };

    [Fact]
    public async Task A_redelivered_push_is_recorded_once()
    {
        (await Store.PushInbox.AddAsync(Notice("ws", "p1", Samples.SentAt), None)).ShouldBeTrue();
        (await Store.PushInbox.AddAsync(Notice("ws", "p1", Samples.SentAt.AddMinutes(1)), None)).ShouldBeFalse();

        (await Store.PushInbox.ListPendingAsync("ws", 10, None)).Single().ReceivedAt.ShouldBe(Samples.SentAt);
    }

    [Fact]
    public async Task Pending_pushes_list_oldest_first_up_to_the_limit_and_done_ones_drop_out()
    {
        await Store.PushInbox.AddAsync(Notice("ws", "p3", Samples.SentAt.AddMinutes(3)), None);
        await Store.PushInbox.AddAsync(Notice("ws", "p1", Samples.SentAt.AddMinutes(1)), None);
        await Store.PushInbox.AddAsync(Notice("ws", "p2", Samples.SentAt.AddMinutes(2)), None);
        await Store.PushInbox.AddAsync(Notice("other", "p0", Samples.SentAt), None);

        (await Store.PushInbox.ListPendingAsync("ws", 2, None)).Select(p => p.Id).ShouldBe(["p1", "p2"]);
        await Store.PushInbox.MarkDoneAsync("ws", "p1", None);
        await Store.PushInbox.MarkDoneAsync("ws", "never-recorded", None);
        await Store.PushInbox.MarkDoneAsync("other", "p2", None);

        (await Store.PushInbox.ListPendingAsync("ws", 10, None)).Select(p => p.Id).ShouldBe(["p2", "p3"]);
        (await Store.PushInbox.ListPendingAsync("other", 10, None)).Select(p => p.Id).ShouldBe(["p0"]);
        (await Store.PushInbox.AddAsync(Notice("ws", "p1", Samples.SentAt), None)).ShouldBeFalse();
    }
}
