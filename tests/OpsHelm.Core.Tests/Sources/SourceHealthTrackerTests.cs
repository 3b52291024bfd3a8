using OpsHelm.Core.Sources;
using OpsHelm.Core.Tests.Runs;

namespace OpsHelm.Core.Tests.Sources;

public sealed class SourceHealthTrackerTests
{
    private const string Ws = "ws-test";
    private const string Mailbox = "dana@harborlightit.com";

    [Fact]
    public async Task A_rejected_credential_disconnects_at_once_with_an_open_incident()
    {
        await using var harness = new RunnerHarness();
        var tracker = new SourceHealthTracker(harness.Store.Health, harness.Time);

        await tracker.RecordFailureAsync(Ws, Mailbox, "Graph", "401 InvalidAuthenticationToken", credentialRejected: true, CancellationToken.None);

        var health = (await harness.Store.Health.GetAsync(Ws, Mailbox, CancellationToken.None)).ShouldNotBeNull();
        health.State.ShouldBe(SourceStates.Disconnected);
        health.LastError.ShouldBe("401 InvalidAuthenticationToken");
        var incident = (await harness.Store.Health.ListIncidentsAsync(Ws, "Open", CancellationToken.None)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.CredentialRejected);
    }

    [Fact]
    public async Task Failures_degrade_then_disconnect_at_the_threshold_with_one_incident()
    {
        await using var harness = new RunnerHarness();
        var tracker = new SourceHealthTracker(harness.Store.Health, harness.Time) { FailureThreshold = 3 };

        await tracker.RecordFailureAsync(Ws, Mailbox, "Graph", "503", false, CancellationToken.None);
        (await harness.Store.Health.GetAsync(Ws, Mailbox, CancellationToken.None))!.State.ShouldBe(SourceStates.Degraded);
        (await harness.Store.Health.ListIncidentsAsync(Ws, null, CancellationToken.None)).ShouldBeEmpty();
        for (var i = 0; i < 3; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(5));
            await tracker.RecordFailureAsync(Ws, Mailbox, "Graph", $"503 #{i + 2}", false, CancellationToken.None);
        }

        (await harness.Store.Health.GetAsync(Ws, Mailbox, CancellationToken.None))!.State.ShouldBe(SourceStates.Disconnected);
        var incident = (await harness.Store.Health.ListIncidentsAsync(Ws, "Open", CancellationToken.None)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.RepeatedFailures);
        incident.Details.ShouldContain("503 #4");
    }

    [Fact]
    public async Task A_success_reconnects_and_resolves_the_failure_incident_keeping_it_in_history()
    {
        await using var harness = new RunnerHarness();
        var tracker = new SourceHealthTracker(harness.Store.Health, harness.Time) { FailureThreshold = 1 };
        await tracker.RecordFailureAsync(Ws, Mailbox, "Graph", "503", false, CancellationToken.None);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await tracker.RecordSuccessAsync(Ws, Mailbox, "Graph", CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await tracker.RecordFailureAsync(Ws, Mailbox, "Graph", "504", false, CancellationToken.None);

        var incidents = await harness.Store.Health.ListIncidentsAsync(Ws, null, CancellationToken.None);
        incidents.Count.ShouldBe(2);
        incidents.Count(i => i.Status == "Resolved").ShouldBe(1);
        incidents.Count(i => i.Status == "Open").ShouldBe(1);
    }

    [Fact]
    public async Task A_lapsed_subscription_stays_visible_while_pulls_succeed_until_it_is_renewed()
    {
        await using var harness = new RunnerHarness();
        var tracker = new SourceHealthTracker(harness.Store.Health, harness.Time);

        await tracker.RecordSubscriptionLapsedAsync(Ws, Mailbox, "Graph", "subscriptionRemoved", CancellationToken.None);
        await tracker.RecordSuccessAsync(Ws, Mailbox, "Graph", CancellationToken.None);
        (await harness.Store.Health.GetAsync(Ws, Mailbox, CancellationToken.None))!.State.ShouldBe(SourceStates.Degraded);

        var expires = harness.Time.GetUtcNow().AddDays(2);
        await tracker.RecordSubscriptionAsync(Ws, Mailbox, "Graph", expires, CancellationToken.None);

        var health = (await harness.Store.Health.GetAsync(Ws, Mailbox, CancellationToken.None))!;
        health.State.ShouldBe(SourceStates.Connected);
        health.SubscriptionExpiresAt.ShouldBe(expires);
        (await harness.Store.Health.ListIncidentsAsync(Ws, "Open", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_resync_is_recorded_as_a_resolved_incident()
    {
        await using var harness = new RunnerHarness();

        await new SourceHealthTracker(harness.Store.Health, harness.Time).RecordResyncAsync(Ws, Mailbox, "410 syncStateNotFound on inbox", CancellationToken.None);

        var incident = (await harness.Store.Health.ListIncidentsAsync(Ws, null, CancellationToken.None)).ShouldHaveSingleItem();
        (incident.Kind, incident.Status).ShouldBe((IncidentKinds.Resync, "Resolved"));
    }
}
