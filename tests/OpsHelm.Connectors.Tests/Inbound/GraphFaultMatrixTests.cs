using System.Text;
using Azure.Core;
using Azure.Identity;
using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.Replay;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Connectors.Tests.Graph;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Inbound;

/// <summary>
/// The Graph inbound path (delta pull and change notifications) under provider faults against the fake Graph, each row
/// asserting what is recorded and what the operator sees on the source's health. A failing Graph source is also read
/// beside a second source, which must still deliver its items in the same pull.
/// </summary>
public sealed class GraphFaultMatrixTests
{
    private const string Mailbox = GraphTestContext.Mailbox;

    private static async Task<SourceHealth> HealthAsync(GraphTestContext context) =>
        (await context.HealthStore.GetAsync(GraphTestContext.WorkspaceId, Mailbox, default)).ShouldNotBeNull();

    private static void AddInbox(GraphTestContext context, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
    }

    /// <summary>Graph then a replay file, as a workspace's pull reads its sources; the file's item count when read alone.</summary>
    private static async Task<(List<SourceBatch> Batches, Exception? Error, int ReplayItems)> ReadBesideAnotherSourceAsync(GraphTestContext context, IMessageSource graph)
    {
        var replay = new JsonLinesMessageSource(Fixture.PathOf("messages.jsonl"));
        var (alone, _) = await context.ReadAllAsync(replay, GraphTestContext.Workspace());
        var (batches, error) = await context.ReadAllAsync(new CompositeMessageSource([graph, replay]), GraphTestContext.Workspace());
        return (batches, error, alone.Sum(b => b.Items.Count));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_for_every_message_is_read_and_the_source_stays_Connected()
    {
        await using var context = await GraphTestContext.StartAsync();
        AddInbox(context, 3);
        context.Graph.Fail(r => r.IsDelta("inbox"), 429, "TooManyRequests", retryAfter: TimeSpan.FromSeconds(5));

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        batches.SelectMany(b => b.Items).Count().ShouldBe(3);
        context.Retries.ShouldBe([(429, TimeSpan.FromSeconds(5))]);
        (await HealthAsync(context)).State.ShouldBe(SourceStates.Connected);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_degrade_the_source_with_the_reason_and_the_other_source_is_still_read()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Retry.MaxRetryAttempts = 1);
        AddInbox(context, 3);
        context.Graph.Fail(r => r.IsDelta("inbox"), 503, "serviceNotAvailable", times: 100);

        var (batches, error, replayItems) = await ReadBesideAnotherSourceAsync(context, context.MailSource());

        replayItems.ShouldBeGreaterThan(0);
        batches.SelectMany(b => b.Items).Count().ShouldBe(replayItems);
        error.ShouldBeOfType<SourcesFailedException>().Failures.ShouldHaveSingleItem().ShouldContain("HTTP 503");
        var health = await HealthAsync(context);
        (health.State, health.LastError).ShouldBe((SourceStates.Degraded, "folder 'inbox': HTTP 503 (serviceNotAvailable)"));
    }

    [Fact]
    public async Task A_request_that_times_out_degrades_the_source_saying_so_and_the_other_source_is_still_read()
    {
        await using var context = await GraphTestContext.StartAsync();
        var options = new GraphOptions { BaseUrl = context.Options.BaseUrl };
        options.Retry.MaxRetryAttempts = 0;
        using var client = GraphClientBuilder.Create(options, new StaticTokenCredential(Graph.Fake.FakeGraphServer.Token), context.Time, new TimingOutTransport());

        var (batches, error, replayItems) = await ReadBesideAnotherSourceAsync(context, new GraphMailDeltaSource(client, options.Mail, context.Health, context.Time));

        batches.SelectMany(b => b.Items).Count().ShouldBe(replayItems);
        error.ShouldBeOfType<SourcesFailedException>();
        (await HealthAsync(context)).LastError.ShouldBe("folder 'inbox': the request timed out");
    }

    [Fact]
    public async Task A_malformed_page_degrades_the_source_names_the_fault_and_moves_no_checkpoint()
    {
        await using var context = await GraphTestContext.StartAsync();
        AddInbox(context, 2);
        context.Graph.Reply(r => r.IsDelta("inbox"), """{"value":"not an array"}""");

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeOfType<GraphSourceException>();
        batches.ShouldBeEmpty();
        var health = await HealthAsync(context);
        (health.State, health.LastError).ShouldBe((SourceStates.Degraded, "folder 'inbox': Graph's delta page has no 'value' array"));
    }

    [Fact]
    public async Task A_lost_delta_token_resyncs_a_bounded_window_and_leaves_a_Resync_incident()
    {
        await using var context = await GraphTestContext.StartAsync();
        AddInbox(context, 1);
        var source = context.MailSource();
        var (first, _) = await context.ReadAllAsync(source, GraphTestContext.Workspace());
        context.Graph.Mail.ExpireDeltaTokens(Mailbox, "inbox");

        var (second, error) = await context.ReadAllAsync(source, GraphTestContext.Workspace(), GraphTestContext.StatesAfter(first));

        error.ShouldBeNull();
        second.SelectMany(b => b.Items).Select(i => i.Message!.ProviderMessageId).ShouldBe(["AAMkAGU-inbox-0001="]);
        (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, null, default)).ShouldHaveSingleItem().Kind.ShouldBe(IncidentKinds.Resync);
    }

    [Fact]
    public async Task A_credential_the_identity_platform_refuses_disconnects_the_source_and_the_other_source_is_still_read()
    {
        await using var context = await GraphTestContext.StartAsync();
        using var client = GraphClientBuilder.Create(new GraphOptions { BaseUrl = context.Options.BaseUrl }, new RefusedCredential(), context.Time);

        var (batches, error, replayItems) = await ReadBesideAnotherSourceAsync(context, new GraphMailDeltaSource(client, context.Options.Mail, context.Health, context.Time));

        batches.SelectMany(b => b.Items).Count().ShouldBe(replayItems);
        error.ShouldBeOfType<SourcesFailedException>();
        var health = await HealthAsync(context);
        (health.State, health.LastError).ShouldBe((SourceStates.Disconnected, "folder 'inbox': no token: the identity platform refused the credential"));
        (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, "Open", default)).ShouldHaveSingleItem().Kind.ShouldBe(IncidentKinds.CredentialRejected);
    }

    [Fact]
    public async Task Poison_content_in_a_delta_page_is_repaired_with_evidence_and_its_neighbour_is_read_as_usual()
    {
        await using var context = await GraphTestContext.StartAsync();
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
        var poison = GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-1), subject: "POISON").ToJsonString().Replace("POISON", @"bad \ud800 x\u0000");
        var good = GraphMessages.Create("inbox", 2, GraphTestContext.Start.AddHours(-2)).ToJsonString();
        var deltaLink = $"{context.Options.BaseUrl}/users/{Mailbox}/mailFolders/inbox/messages/delta?$deltatoken=after-poison";
        context.Graph.Reply(r => r.IsDelta("inbox"), $$"""{"value":[{{poison}},{{good}}],"@odata.deltaLink":"{{deltaLink}}"}""");

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        var messages = batches.SelectMany(b => b.Items).Select(i => i.Message.ShouldNotBeNull()).ToList();
        messages.Count.ShouldBe(2);
        messages[0].Subject.ShouldBe("bad \uFFFD x\uFFFD");
        messages[0].Repairs.ShouldBe(["content repaired: 1 lone surrogate escape(s) replaced by U+FFFD", "content repaired: 1 NUL escape(s) replaced by U+FFFD"]);
        messages[1].Repairs.ShouldBeEmpty();
        batches.First().Checkpoints.Single().Checkpoint.ShouldBe(deltaLink);
    }

    [Fact]
    public async Task A_notification_for_an_unknown_subscription_is_refused_stores_nothing_and_is_traced_at_host_level()
    {
        await using var context = await GraphTestContext.StartAsync();
        var trace = new UnroutedTrace(context.HealthStore, context.Time);
        var handler = new GraphNotificationHandler(context.Subscriptions, context.Inbox, GraphSubscriptionManagerTests.Options(), context.Time, trace.Deliveries);
        var body = Fixture.Text("Graph/notification-created.json").Replace("{subscription}", "00000000-dead-beef-0000-000000000000")
            .Replace("{clientState}", "guess").Replace("{mailbox}", Mailbox);

        var result = await handler.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), default);

        result.StatusCode.ShouldBe(403);
        (await context.PendingPushesAsync()).ShouldBeEmpty();
        var entry = trace.Deliveries.Current.ShouldHaveSingleItem();
        (entry.Provider, entry.Key, entry.Reason).ShouldBe(("Graph", "00000000-dead-beef-0000-000000000000", UnroutedReasons.UnknownRoute));
        trace.Logger.Entries.ShouldContain(e => e.EventId == 1200 && e.Values["Key"] == "00000000-dead-beef-0000-000000000000");
        (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, null, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_notifications_record_each_change_once()
    {
        await using var context = await GraphTestContext.StartAsync();
        var manager = GraphSubscriptionManagerTests.Manager(context, context.Subscriptions);
        var subscription = await manager.CreateAsync(GraphTestContext.WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        var handler = new GraphNotificationHandler(context.Subscriptions, context.Inbox, GraphSubscriptionManagerTests.Options(), context.Time,
            new UnroutedTrace(context.HealthStore, context.Time).Deliveries);
        Stream Delivery(string changeType) => new MemoryStream(Encoding.UTF8.GetBytes(Fixture.Text("Graph/notification-created.json")
            .Replace("{subscription}", subscription.Id).Replace("{clientState}", subscription.ClientState).Replace("{mailbox}", Mailbox)
            .Replace("\"created\"", $"\"{changeType}\"")));

        var updated = await handler.HandleAsync(Delivery("updated"), default);
        var created = await handler.HandleAsync(Delivery("created"), default);
        var again = await handler.HandleAsync(Delivery("created"), default);

        (updated.Accepted, created.Accepted, again.Accepted, again.Duplicates).ShouldBe((1, 1, 0, 1));
        (await context.PendingPushesAsync()).Select(p => p.Kind).ShouldBe(["updated", "created"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_verified_notification_without_a_resource_is_acknowledged_and_opens_an_incident_on_its_mailbox()
    {
        await using var context = await GraphTestContext.StartAsync();
        var manager = GraphSubscriptionManagerTests.Manager(context, context.Subscriptions);
        var subscription = await manager.CreateAsync(GraphTestContext.WorkspaceId, Mailbox, GraphSubscriptionManager.MailResource(Mailbox), default);
        var handler = new GraphNotificationHandler(context.Subscriptions, context.Inbox, GraphSubscriptionManagerTests.Options(), context.Time,
            new UnroutedTrace(context.HealthStore, context.Time).Deliveries);
        var body = $$"""{"value":[{"subscriptionId":"{{subscription.Id}}","clientState":"{{subscription.ClientState}}","changeType":"created"}]}""";

        var result = await handler.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), default);

        (result.StatusCode, result.Traced).ShouldBe((202, 1));
        (await context.PendingPushesAsync()).ShouldBeEmpty();
        var incident = (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, "Open", default)).ShouldHaveSingleItem();
        (incident.Kind, incident.SourceId).ShouldBe((IncidentKinds.UndeliverableMessage, Mailbox));
        incident.Details.ShouldEndWith(UnroutedReasons.MissingMessageId);
    }

    private sealed class RefusedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    // The network, timing out: what HttpClient throws when its timeout elapses.
    private sealed class TimingOutTransport : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
    }
}
