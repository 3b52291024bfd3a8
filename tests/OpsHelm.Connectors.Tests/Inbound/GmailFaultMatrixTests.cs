using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Replay;
using OpsHelm.Connectors.Tests.Gmail;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Inbound;

/// <summary>
/// The Gmail inbound path (history pull) under provider faults against the fake Gmail, each row asserting what is recorded
/// and what the operator sees on the mailbox's health; a failing Gmail source is read beside a second source, which must
/// still deliver its items in the same pull. The push rows (unknown address, unreadable body, duplicate and out-of-order
/// pushes) are in <see cref="GmailPushHandlerTests"/>, which holds the OIDC set-up they need.
/// </summary>
public sealed class GmailFaultMatrixTests
{
    private static List<InboundMessage> Messages(IEnumerable<SourceBatch> batches) =>
        batches.SelectMany(b => b.Items).Select(i => i.Message.ShouldNotBeNull()).ToList();

    private static async Task<(List<SourceBatch> Batches, Exception? Error, int ReplayItems)> ReadBesideAnotherSourceAsync(GmailHarness gmail, IMessageSource source, long start)
    {
        var replay = new JsonLinesMessageSource(Fixture.PathOf("messages.jsonl"));
        var alone = await gmail.ReadAllAsync(replay);
        var batches = new List<SourceBatch>();
        try
        {
            await gmail.RetryClock.RunAsync(async () =>
            {
                await foreach (var batch in new CompositeMessageSource([source, replay]).ReadAsync(gmail.Workspace, [GmailHarness.Checkpoint(start)], null, CancellationToken.None))
                {
                    batches.Add(batch);
                }
            });
            return (batches, null, alone.Sum(b => b.Items.Count));
        }
        catch (Exception ex)
        {
            return (batches, ex, alone.Sum(b => b.Items.Count));
        }
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_for_the_message_is_read_and_the_mailbox_stays_Connected()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        var id = gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.Fail("/history", 429, "rateLimitExceeded", retryAfterSeconds: 9);

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        messages.ShouldHaveSingleItem().ProviderMessageId.ShouldBe(id);
        gmail.Retries.ShouldContain((429, TimeSpan.FromSeconds(9)));
        (await gmail.HealthOfMailboxAsync())!.State.ShouldBe(SourceStates.Connected);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_degrade_the_mailbox_and_the_other_source_is_still_read()
    {
        await using var gmail = await GmailHarness.StartAsync(o => o.MaxRetries = 1);
        var start = gmail.Fake.CurrentHistoryId;
        gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.Fail("/history", 500, "backendError", times: 5);

        var (batches, error, replayItems) = await ReadBesideAnotherSourceAsync(gmail, gmail.Source(), start);

        replayItems.ShouldBeGreaterThan(0);
        batches.SelectMany(b => b.Items).Count().ShouldBe(replayItems);
        error.ShouldBeOfType<SourcesFailedException>().Failures.ShouldHaveSingleItem().ShouldStartWith("Gmail");
        var health = (await gmail.HealthOfMailboxAsync()).ShouldNotBeNull();
        health.State.ShouldBe(SourceStates.Degraded);
        health.LastError.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_request_that_times_out_degrades_the_mailbox_and_the_other_source_is_still_read()
    {
        await using var gmail = await GmailHarness.StartAsync();
        using var http = new HttpClient(new TimingOutTransport());
        var options = new GmailOptions { BaseUrl = gmail.Fake.BaseUrl, MaxRetries = 0, WatchTopicName = "projects/opshelm/topics/gmail" };
        var connection = new GmailConnection(http, new StaticGmailTokenSource(FakeGmailServer.AccessToken), options, gmail.RetryClock.Time);

        var (batches, error, replayItems) = await ReadBesideAnotherSourceAsync(gmail, new GmailHistorySource(connection, gmail.Health, TimeProvider.System), 1);

        batches.SelectMany(b => b.Items).Count().ShouldBe(replayItems);
        error.ShouldBeOfType<SourcesFailedException>();
        (await gmail.HealthOfMailboxAsync())!.State.ShouldBe(SourceStates.Degraded);
    }

    [Fact]
    public async Task A_malformed_history_page_degrades_the_mailbox_and_moves_no_checkpoint()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.Reply("/history", """{"history":"not an array","historyId":[]}""");

        var (batches, error, _) = await ReadBesideAnotherSourceAsync(gmail, gmail.Source(), start);

        error.ShouldBeOfType<SourcesFailedException>();
        batches.SelectMany(b => b.Checkpoints).ShouldNotContain(c => c.Mailbox == GmailHarness.Address);
        var health = (await gmail.HealthOfMailboxAsync()).ShouldNotBeNull();
        health.State.ShouldBe(SourceStates.Degraded);
        health.LastError.ShouldBe("Gmail's history page has no 'history' array or no 'historyId'");
    }

    [Fact]
    public async Task A_historyId_too_old_resyncs_and_leaves_a_Resync_incident()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var stale = gmail.Fake.CurrentHistoryId;
        var id = gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.ExpireHistory();

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(stale)));

        messages.ShouldHaveSingleItem().ProviderMessageId.ShouldBe(id);
        (await gmail.HealthStore.ListIncidentsAsync(GmailHarness.WorkspaceId, null, CancellationToken.None)).ShouldHaveSingleItem().Kind.ShouldBe(IncidentKinds.Resync);
    }

    [Fact]
    public async Task Poison_content_in_a_message_is_repaired_with_evidence_and_its_neighbour_is_read_as_usual()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        var poison = gmail.Fake.AddMessage(new FakeGmailMessage { Subject = "POISON" });
        var good = gmail.Fake.AddMessage(new FakeGmailMessage { Subject = "fine" });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gmail.Fake.BaseUrl, $"gmail/v1/users/{GmailHarness.Address}/messages/{poison}?format=full"));
        request.Headers.Authorization = new("Bearer", FakeGmailServer.AccessToken);
        var json = await (await gmail.Http.SendAsync(request)).Content.ReadAsStringAsync();
        gmail.Fake.Reply($"/messages/{poison}", json.Replace("POISON", @"bad \ud800 x"));

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        var repaired = messages.Single(m => m.ProviderMessageId == poison);
        repaired.Subject.ShouldBe("bad \uFFFD x");
        repaired.Repairs.ShouldBe(["content repaired: 1 lone surrogate escape(s) replaced by U+FFFD"]);
        messages.Single(m => m.ProviderMessageId == good).Repairs.ShouldBeEmpty();
    }

    // The network, timing out: what HttpClient throws when its timeout elapses.
    private sealed class TimingOutTransport : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
    }
}
