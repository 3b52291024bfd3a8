using System.Text.Json;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Gmail;

public class GmailWatchManagerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static (GmailWatchManager Sut, ISubscriptionStore Store, FakeTimeProvider Clock) CreateSut(GmailHarness gmail)
    {
        var store = gmail.Subscriptions;
        var clock = new FakeTimeProvider(Start);
        var health = new SourceHealthTracker(gmail.HealthStore, clock);
        return (new GmailWatchManager(gmail.Connection, store, health, clock), store, clock);
    }

    [Fact]
    public async Task A_new_watch_is_persisted_with_the_expiration_Gmail_reported()
    {
        await using var gmail = await GmailHarness.StartAsync();
        gmail.Fake.WatchExpiration = Start.AddDays(7).AddMilliseconds(123);
        var (sut, store, _) = CreateSut(gmail);

        var result = await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        result.Action.ShouldBe(GmailWatchAction.Created);
        var saved = (await store.FindAsync("gmail:" + GmailHarness.Address, CancellationToken.None))!;
        saved.ExpiresAt.ShouldBe(Start.AddDays(7).AddMilliseconds(123));
        saved.RenewedAt.ShouldBe(Start);
        saved.HistoryId.ShouldBe(gmail.Fake.CurrentHistoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var body = JsonDocument.Parse(gmail.Fake.WatchBodies.Single());
        body.RootElement.GetProperty("topicName").GetString().ShouldBe("projects/opshelm/topics/gmail");
        body.RootElement.GetProperty("labelIds").EnumerateArray().Select(l => l.GetString()).ShouldBe(["INBOX", "SENT"]);
        (await gmail.HealthOfMailboxAsync())!.SubscriptionExpiresAt.ShouldBe(saved.ExpiresAt);
    }

    [Fact]
    public async Task A_watch_is_left_alone_within_the_day_and_renewed_after_it()
    {
        await using var gmail = await GmailHarness.StartAsync();
        gmail.Fake.WatchExpiration = Start.AddDays(7);
        var (sut, store, clock) = CreateSut(gmail);
        await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(20));
        var sameDay = await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(5));
        gmail.Fake.WatchExpiration = clock.GetUtcNow().AddDays(7);
        var nextDay = await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        sameDay.Action.ShouldBe(GmailWatchAction.Current);
        nextDay.Action.ShouldBe(GmailWatchAction.Renewed);
        gmail.Fake.WatchBodies.Count.ShouldBe(2);
        (await store.FindAsync("gmail:" + GmailHarness.Address, CancellationToken.None))!.ExpiresAt.ShouldBe(clock.GetUtcNow().AddDays(7));
    }

    [Fact]
    public async Task A_watch_close_to_its_expiry_is_renewed_even_if_renewed_recently()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var (sut, store, _) = CreateSut(gmail);
        await store.SaveAsync(new ProviderSubscription
        {
            Id = "gmail:" + GmailHarness.Address, WorkspaceId = GmailHarness.WorkspaceId, Provider = "Gmail", SourceId = GmailHarness.Address,
            Resource = "INBOX,SENT", RenewedAt = Start.AddHours(-1), ExpiresAt = Start.AddHours(12),
        }, CancellationToken.None);

        var result = await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        result.Action.ShouldBe(GmailWatchAction.Renewed);
    }

    [Fact]
    public async Task A_lapsed_watch_that_cannot_be_renewed_opens_a_SubscriptionLapsed_incident()
    {
        await using var gmail = await GmailHarness.StartAsync(o => o.MaxRetries = 0);
        var (sut, _, _) = CreateSut(gmail);
        gmail.Fake.Fail("/watch", 400, "invalidArgument");

        var result = await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        result.Action.ShouldBe(GmailWatchAction.Failed);
        var incidents = await gmail.HealthStore.ListIncidentsAsync(GmailHarness.WorkspaceId, "Open", CancellationToken.None);
        incidents.ShouldContain(i => i.Kind == IncidentKinds.SubscriptionLapsed);
    }

    [Fact]
    public async Task Stop_calls_users_stop_and_forgets_the_watch()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var (sut, store, _) = CreateSut(gmail);
        await sut.EnsureAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        await sut.StopAsync(GmailHarness.WorkspaceId, GmailHarness.Address, CancellationToken.None);

        gmail.Fake.Requests.ShouldContain(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/stop", StringComparison.Ordinal));
        (await store.FindAsync("gmail:" + GmailHarness.Address, CancellationToken.None)).ShouldBeNull();
    }
}
