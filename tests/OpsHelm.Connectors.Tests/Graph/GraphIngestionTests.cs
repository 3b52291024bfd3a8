using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Tests.Graph.Fake;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Embedded;
using Xunit.Abstractions;

namespace OpsHelm.Connectors.Tests.Graph;

/// <summary>The Graph mail source through the real runner and the embedded store.</summary>
public sealed class GraphIngestionTests(ITestOutputHelper output)
{
    private const string Mailbox = GraphTestContext.Mailbox;

    [Fact]
    public async Task Five_hundred_messages_over_three_folders_with_a_429_and_a_410_end_as_exactly_500_events_and_the_last_delta_links()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Mail.PageSize = 100);
        using var directory = new TempDirectory();
        await using var store = EmbeddedStore.Open(directory.Path, context.Time);
        var runner = Runner(store, context.Time);
        var workspace = GraphTestContext.Workspace("Projects");
        var mail = context.Graph.Mail;
        var now = GraphTestContext.Start;
        // Run 1 (bootstrap): 150 inbox, 90 Projects, 60 Sent Items; the last 20 of the inbox fall inside the resync window.
        for (var n = 1; n <= 150; n++)
        {
            mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, n <= 130 ? now.AddDays(-25).AddHours(n) : now.AddDays(-5).AddHours(n - 130)));
        }
        for (var n = 1; n <= 90; n++)
        {
            mail.Add(Mailbox, "Projects", GraphMessages.Create("projects", n, now.AddDays(-20).AddHours(n)));
        }
        for (var n = 1; n <= 60; n++)
        {
            mail.Add(Mailbox, "sentitems", GraphMessages.Create("sentitems", n, now.AddDays(-15).AddHours(n)));
        }
        foreach (var (folder, id) in new[] { ("inbox", "AAMkAGU-inbox-0007="), ("Projects", "AAMkAGU-projects-0003=") })
        {
            mail.Find(Mailbox, folder, id)["hasAttachments"] = true;
            mail.AddAttachments(id, GraphMessages.Attachments());
        }
        context.Graph.Fail(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null, 429, "TooManyRequests", retryAfter: TimeSpan.FromSeconds(3));

        var first = await context.Clock.RunAsync(() => runner.RunAsync(Request(workspace, context), CancellationToken.None));

        // Run 2: 200 more; Graph has dropped the inbox's delta token.
        context.Time.Advance(TimeSpan.FromDays(1));
        now = context.Time.GetUtcNow();
        for (var n = 151; n <= 250; n++)
        {
            mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, now.AddHours(-(n - 150) / 10.0)));
        }
        for (var n = 91; n <= 150; n++)
        {
            mail.Add(Mailbox, "Projects", GraphMessages.Create("projects", n, now.AddHours(-(n - 90) / 10.0)));
        }
        for (var n = 61; n <= 100; n++)
        {
            mail.Add(Mailbox, "sentitems", GraphMessages.Create("sentitems", n, now.AddHours(-(n - 60) / 10.0)));
        }
        mail.ExpireDeltaTokens(Mailbox, "inbox");

        var second = await runner.RunAsync(Request(workspace, context), CancellationToken.None);

        first.Status.ShouldBe("Succeeded");
        second.Status.ShouldBe("Succeeded");
        var events = await store.Records.ListEventsAsync(GraphTestContext.WorkspaceId, CancellationToken.None);
        events.Count.ShouldBe(500);
        events.Select(e => e.Key).Distinct().Count().ShouldBe(500);
        first.Counts.New.ShouldBe(300);
        second.Counts.New.ShouldBe(200);
        // The resync re-read the 20 inbox messages inside its window; the store's keys skipped them.
        second.Counts.AlreadyRecorded.ShouldBe(20);
        var states = await store.States.ListAsync(GraphTestContext.WorkspaceId, CancellationToken.None);
        states.Select(s => s.Folder).ShouldBe(["inbox", "Projects", "sentitems"], ignoreOrder: true);
        foreach (var state in states)
        {
            state.Checkpoint.ShouldBe(mail.LastDeltaLink(Mailbox, state.Folder));
            state.Checkpoint!.ShouldContain("$deltatoken=");
        }
        (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, null, CancellationToken.None))
            .ShouldHaveSingleItem().Kind.ShouldBe(IncidentKinds.Resync);
        (await context.HealthStore.GetAsync(GraphTestContext.WorkspaceId, Mailbox, CancellationToken.None))!.State.ShouldBe(SourceStates.Connected);
        context.Retries.ShouldBe([(429, TimeSpan.FromSeconds(3))]);

        var requests = context.Graph.Requests;
        var deltaPages = requests.Count(r => r.IsDelta());
        var graphRequests = requests.Count(r => !r.IsAttachment);
        var attachmentRequests = requests.Count(r => r.IsAttachment);
        var perHundred = graphRequests * 100.0 / events.Count;
        output.WriteLine($"messages: {events.Count}; Graph requests (attachments aside): {graphRequests} = {perHundred:F2} per 100 messages; " +
            $"delta requests: {deltaPages} (one 429 retry, one 410); attachment requests: {attachmentRequests}");
        deltaPages.ShouldBeGreaterThanOrEqualTo(5 + 2);
        perHundred.ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task An_attachment_over_the_limit_is_recorded_as_AttachmentRejected_while_the_message_is_recorded()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Mail.MaxAttachmentBytes = 1024 * 1024);
        using var directory = new TempDirectory();
        await using var store = EmbeddedStore.Open(directory.Path, context.Time);
        WithAttachments(context.Graph.Mail, "inbox", 1, GraphTestContext.Start.AddHours(-1));
        context.Graph.Mail.AddAttachments("AAMkAGU-inbox-0001=", GraphMessages.Attachments());
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");

        var run = await Runner(store, context.Time).RunAsync(Request(GraphTestContext.Workspace(), context), CancellationToken.None);

        run.Status.ShouldBe("Succeeded");
        var recorded = (await store.Records.ListEventsAsync(GraphTestContext.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem();
        recorded.ProviderMessageId.ShouldBe("AAMkAGU-inbox-0001=");
        var rejected = (await store.Records.ListExceptionsAsync(GraphTestContext.WorkspaceId, null, CancellationToken.None))
            .Where(e => e.Reason == ExceptionReason.AttachmentRejected).ShouldHaveSingleItem();
        rejected.Details.ShouldContain("full-capture.pcap");
        rejected.Details.ShouldContain("1048576-byte download limit");
        // The text file, the inline image and the two metadata-only attachments are kept.
        recorded.AttachmentIds.Count.ShouldBe(4);
        context.Graph.Requests.ShouldNotContain(r => r.IsAttachment && r.Segments.Length == 7 && r.Segments[5] == "AAMkADA1M-zAAC=");
    }

    [Fact]
    public async Task A_Message_ID_repeated_under_another_provider_id_is_recorded_as_its_own_event()
    {
        await using var context = await GraphTestContext.StartAsync();
        using var directory = new TempDirectory();
        await using var store = EmbeddedStore.Open(directory.Path, context.Time);
        var original = GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-2));
        var copy = GraphMessages.Create("inbox", 2, GraphTestContext.Start.AddHours(-1));
        copy["internetMessageId"] = original["internetMessageId"]!.DeepClone();
        context.Graph.Mail.Add(Mailbox, "inbox", original);
        context.Graph.Mail.Add(Mailbox, "inbox", copy);
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");

        var run = await Runner(store, context.Time).RunAsync(Request(GraphTestContext.Workspace(), context), CancellationToken.None);

        run.Status.ShouldBe("Succeeded");
        var events = await store.Records.ListEventsAsync(GraphTestContext.WorkspaceId, CancellationToken.None);
        events.Select(e => e.ProviderMessageId).ShouldBe(["AAMkAGU-inbox-0001=", "AAMkAGU-inbox-0002="], ignoreOrder: true);
    }

    [Fact]
    public async Task A_failed_page_fails_the_run_and_leaves_the_folder_checkpoint_at_the_last_recorded_page()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Retry.MaxRetryAttempts = 1);
        using var directory = new TempDirectory();
        await using var store = EmbeddedStore.Open(directory.Path, context.Time);
        for (var n = 1; n <= 15; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
        context.Graph.Fail(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null, 504, "GatewayTimeout", times: 2);

        await Should.ThrowAsync<OpsHelm.Connectors.Graph.GraphSourceException>(() => context.Clock.RunAsync(() =>
            Runner(store, context.Time).RunAsync(Request(GraphTestContext.Workspace(), context), CancellationToken.None)));

        (await store.Records.ListEventsAsync(GraphTestContext.WorkspaceId, CancellationToken.None)).Count.ShouldBe(10);
        var state = (await store.States.ListAsync(GraphTestContext.WorkspaceId, CancellationToken.None)).ShouldHaveSingleItem();
        state.Checkpoint!.ShouldContain("$skiptoken=");
        (await store.Records.ListRunsAsync(GraphTestContext.WorkspaceId, 1, CancellationToken.None)).Single().Status.ShouldBe("Failed");
    }

    private static void WithAttachments(FakeGraphMail mail, string folder, int n, DateTimeOffset received)
    {
        var message = GraphMessages.Create(folder, n, received);
        message["hasAttachments"] = true;
        mail.Add(Mailbox, folder, message);
    }

    private static IngestionRunner Runner(EmbeddedStore store, TimeProvider time) =>
        new(store.States, store.Records, store.Attachments, store.Archive, store.Locks, new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance);

    private static RunRequest Request(WorkspaceConfig workspace, GraphTestContext context) => new()
    {
        Config = new LoadedWorkspaceConfig(workspace),
        Source = context.MailSource(),
        Trigger = "Timer",
    };
}
