using System.Net;
using Azure.Core;
using OpsHelm.Storage.Azure.ServiceBus;

namespace OpsHelm.Storage.Tests.Azure.ServiceBus;

/// <summary>The REST sender against a loopback namespace that checks the documented Send Message Batch format.</summary>
public sealed class ServiceBusRestSenderTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly RecordingToken _token = new(FakeServiceBus.Token);
    private FakeServiceBus _bus = null!;

    public async Task InitializeAsync() => _bus = await FakeServiceBus.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bus.DisposeAsync();
    }

    private ServiceBusRestSender Sender(string queue = "work-items", TokenCredential? credential = null) =>
        new(_http, ServiceBusQueueEndpoint.MessagesUri(_bus.Namespace, queue), credential ?? _token, TimeProvider.System, maxRetries: 3, retryDelay: TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task Messages_arrive_as_one_batch_with_their_ids_sessions_and_schedule_under_a_service_bus_token()
    {
        var at = new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.FromHours(1));

        await Sender().SendAsync(
        [
            new("""{"kind":"item","itemId":"a"}""", "a:1", "ws-1"),
            new("""{"kind":"item","itemId":"b"}""", "b:2", "ws-1", at),
            new("""{"kind":"pull"}""", "pull:1", "pulls"),
        ], CancellationToken.None);

        _bus.Refusals.ShouldBeEmpty();
        _bus.Requests.ShouldBe(1);
        var accepted = _bus.Accepted;
        accepted.Select(m => (m.Body, m.MessageId, m.SessionId)).ShouldBe(
        [
            ("""{"kind":"item","itemId":"a"}""", "a:1", "ws-1"),
            ("""{"kind":"item","itemId":"b"}""", "b:2", "ws-1"),
            ("""{"kind":"pull"}""", "pull:1", "pulls"),
        ]);
        accepted[0].ScheduledEnqueueTime.ShouldBeNull();
        accepted[1].ScheduledEnqueueTime.ShouldBe(at, "the RFC 1123 date carries the instant, in UTC");
        _token.Scopes.ShouldAllBe(s => s == "https://servicebus.azure.net/.default");
    }

    [Fact]
    public async Task More_messages_than_a_batch_holds_go_in_several_requests_in_order()
    {
        var messages = Enumerable.Range(1, 250).Select(n => new ServiceBusOutgoingMessage($$"""{"n":{{n}}}""", "m" + n, "ws")).ToList();

        await Sender().SendAsync(messages, CancellationToken.None);

        _bus.Requests.ShouldBe(3, "at most 100 messages per request");
        _bus.Accepted.OrderBy(m => m.SequenceNumber).Select(m => m.MessageId).ShouldBe(messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Large_bodies_split_batches_under_the_size_limit()
    {
        var body = "\"" + new string('x', 60_000) + "\"";
        var messages = Enumerable.Range(1, 7).Select(n => new ServiceBusOutgoingMessage(body, "big" + n)).ToList();

        await Sender().SendAsync(messages, CancellationToken.None);

        _bus.Refusals.ShouldBeEmpty("no request went over the 256 KB batch limit");
        _bus.Requests.ShouldBe(3, "three 60 KB messages fit under 192 KB, so seven take three requests");
        _bus.Accepted.Count.ShouldBe(7);
    }

    [Fact]
    public async Task A_message_id_sent_twice_is_kept_once_by_duplicate_detection()
    {
        await Sender().SendAsync([new("{}", "pull:100", "pulls")], CancellationToken.None);
        await Sender().SendAsync([new("{}", "pull:100", "pulls"), new("{}", "pull:101", "pulls")], CancellationToken.None);

        _bus.Accepted.Select(m => m.MessageId).ShouldBe(["pull:100", "pull:101"]);
        _bus.DuplicatesDropped.ShouldBe(1);
    }

    [Fact]
    public async Task Throttling_and_server_busy_answers_are_retried_until_the_batch_is_accepted()
    {
        _bus.FailNext(HttpStatusCode.ServiceUnavailable);
        _bus.FailNext(HttpStatusCode.TooManyRequests);

        await Sender().SendAsync([new("{}", "m1", "ws")], CancellationToken.None);

        _bus.Requests.ShouldBe(3);
        _bus.Accepted.Single().MessageId.ShouldBe("m1");
    }

    [Fact]
    public async Task A_missing_queue_fails_at_once_naming_the_queue_and_status_but_not_the_token()
    {
        var error = await Should.ThrowAsync<ServiceBusSendException>(() => Sender("no-such-queue").SendAsync([new("{}", "m1")], CancellationToken.None));

        error.Status.ShouldBe(HttpStatusCode.Gone);
        error.Message.ShouldContain("/no-such-queue/messages");
        error.Message.ShouldNotContain(FakeServiceBus.Token);
        _bus.Requests.ShouldBe(1, "a refusal that is not transient is not retried");
    }

    [Fact]
    public async Task A_token_the_namespace_does_not_accept_is_a_401_failure()
    {
        var error = await Should.ThrowAsync<ServiceBusSendException>(() => Sender(credential: new RecordingToken("someone-else")).SendAsync([new("{}", "m1")], CancellationToken.None));

        error.Status.ShouldBe(HttpStatusCode.Unauthorized);
        _bus.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_message_larger_than_any_batch_is_refused_before_anything_is_sent()
    {
        var huge = "\"" + new string('x', 200_000) + "\"";

        await Should.ThrowAsync<ArgumentException>(() => Sender().SendAsync([new("{}", "small"), new(huge, "huge")], CancellationToken.None));

        _bus.Requests.ShouldBe(0);
    }

    [Theory]
    [InlineData("sb-opshelm.servicebus.windows.net", "work-items", "https://sb-opshelm.servicebus.windows.net/work-items/messages")]
    [InlineData("https://sb-opshelm.servicebus.windows.net/", "work-items", "https://sb-opshelm.servicebus.windows.net/work-items/messages")]
    [InlineData("http://127.0.0.1:5100", "q", "http://127.0.0.1:5100/q/messages")]
    public void The_messages_uri_is_built_from_a_host_name_or_uri(string serviceBusNamespace, string queue, string expected) =>
        ServiceBusQueueEndpoint.MessagesUri(serviceBusNamespace, queue).ToString().ShouldBe(expected);

    [Theory]
    [InlineData("http://sb-opshelm.servicebus.windows.net", "work-items", "https")]
    [InlineData("", "work-items", "empty")]
    [InlineData("sb-opshelm.servicebus.windows.net", "bad queue?", "queue name")]
    [InlineData("ftp://sb-opshelm", "work-items", "host name")]
    public void A_bad_namespace_or_queue_is_named_in_the_error(string serviceBusNamespace, string queue, string named) =>
        Should.Throw<ArgumentException>(() => ServiceBusQueueEndpoint.MessagesUri(serviceBusNamespace, queue)).Message.ShouldContain(named);

    private sealed class RecordingToken(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
