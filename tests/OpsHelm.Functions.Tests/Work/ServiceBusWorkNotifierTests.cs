using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Work;
using OpsHelm.Api.Work;
using OpsHelm.Storage.Azure.ServiceBus;
using OpsHelm.Storage.Tests.Azure.ServiceBus;

namespace OpsHelm.Functions.Tests.Work;

/// <summary>What the ServiceBus kind puts on the queue, against the fake namespace.</summary>
public sealed class ServiceBusWorkNotifierTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, 250, TimeSpan.Zero));
    private FakeServiceBus _bus = null!;

    public async Task InitializeAsync() => _bus = await FakeServiceBus.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bus.DisposeAsync();
    }

    private ServiceBusWorkNotifier Notifier() => new(
        new ServiceBusRestSender(_http, ServiceBusQueueEndpoint.MessagesUri(_bus.Namespace, _bus.Queue), new StaticToken(FakeServiceBus.Token), _time, 1, TimeSpan.FromMilliseconds(1)),
        _time, NullLogger<ServiceBusWorkNotifier>.Instance);

    private static WorkItem Item(string workspace, int position, int attempts = 0) => new()
    {
        Id = WorkItem.IdOf(workspace, "run-1", "email:m" + position),
        WorkspaceId = workspace,
        RunId = "run-1",
        Position = position,
        ResultId = "m" + position,
        Attempts = attempts,
    };

    [Fact]
    public async Task Items_go_in_their_workspace_session_in_order_and_a_retry_waits_for_its_time()
    {
        var retryAt = _time.GetUtcNow().AddSeconds(40);

        await Notifier().ItemsReadyAsync([Item("ws-a", 1), Item("ws-a", 2), Item("ws-b", 1)], null, CancellationToken.None);
        await Notifier().ItemsReadyAsync([Item("ws-a", 1, attempts: 1)], retryAt, CancellationToken.None);

        var sent = _bus.Accepted;
        sent.Select(m => m.SessionId).ShouldBe(["ws-a", "ws-a", "ws-b", "ws-a"]);
        sent.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("itemId").GetString()).ShouldBe(
            [Item("ws-a", 1).Id, Item("ws-a", 2).Id, Item("ws-b", 1).Id, Item("ws-a", 1).Id]);
        sent.Take(3).ShouldAllBe(m => m.ScheduledEnqueueTime == null);
        sent[3].ScheduledEnqueueTime.ShouldBe(retryAt.AddMilliseconds(-250), "RFC 1123 dates carry whole seconds");
        sent[3].MessageId.ShouldNotBe(sent[0].MessageId, "a retry is a new message, not a duplicate of the first announcement");
    }

    [Fact]
    public async Task Pull_requests_within_one_second_are_one_message_delivered_after_that_second()
    {
        var notifier = Notifier();

        await notifier.PullRequestedAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await notifier.PullRequestedAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await notifier.PullRequestedAsync(CancellationToken.None);

        _bus.Accepted.Count.ShouldBe(2, "two pushes in second 10:00:00, one in 10:00:01");
        _bus.DuplicatesDropped.ShouldBe(1);
        _bus.Accepted.ShouldAllBe(m => m.SessionId == ServiceBusWorkNotifier.PullSession && m.Body == """{"kind":"pull"}""");
        _bus.Accepted[0].ScheduledEnqueueTime.ShouldBe(new DateTimeOffset(2026, 11, 21, 10, 0, 1, TimeSpan.Zero), "after every push of its second");
    }

    [Fact]
    public async Task A_pull_request_service_bus_refuses_is_logged_not_thrown()
    {
        _bus.FailNext(HttpStatusCode.Forbidden);

        await Should.NotThrowAsync(() => Notifier().PullRequestedAsync(CancellationToken.None));

        _bus.Refusals.Count.ShouldBe(1);
        _bus.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_item_announcement_service_bus_refuses_throws_for_the_caller_to_handle()
    {
        _bus.FailNext(HttpStatusCode.Forbidden);

        await Should.ThrowAsync<ServiceBusSendException>(() => Notifier().ItemsReadyAsync([Item("ws-a", 1)], null, CancellationToken.None));
    }

    private sealed class StaticToken(string token) : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
