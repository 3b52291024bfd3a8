using System.Diagnostics;
using OpsHelm.Connectors.Imap;
using OpsHelm.Connectors.Tests.Mime;
using OpsHelm.Core.Records;
using OpsHelm.Core.Sources;
using Xunit.Abstractions;

namespace OpsHelm.Connectors.Tests.Imap;

/// <summary>The IMAP provider against a real Dovecot, through the runner and the embedded store.</summary>
public sealed class ImapMailboxSourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_first_sync_reads_the_Inbox_and_the_SPECIAL_USE_Sent_folder_with_a_checkpoint_per_folder()
    {
        await using var imap = await ImapHarness.StartAsync();
        var inbox = await imap.AppendAsync("INBOX", 1, 3);
        var sent = await imap.AppendAsync("Sent", 100, 2, fromUs: true);

        var run = await imap.RunAsync();

        run.Status.ShouldBe("Succeeded");
        run.Counts.New.ShouldBe(5);
        var events = await imap.Store.Records.ListEventsAsync(ImapHarness.WorkspaceId, CancellationToken.None);
        events.Where(e => e.Folder == "inbox").Select(e => e.ProviderMessageId).Order().ShouldBe(inbox.Order());
        events.Where(e => e.Folder == "sentitems").Select(e => e.ProviderMessageId).Order().ShouldBe(sent.Order());
        var states = await imap.Store.States.ListAsync(ImapHarness.WorkspaceId, CancellationToken.None);
        states.Select(s => s.Folder).Order().ShouldBe(["inbox", "sentitems"]);
        states.Single(s => s.Folder == "inbox").Checkpoint.ShouldEndWith(":3");
        states.Single(s => s.Folder == "sentitems").Checkpoint.ShouldEndWith(":2");
        (await imap.Store.Health.GetAsync(ImapHarness.WorkspaceId, ImapHarness.Address, CancellationToken.None))!.State.ShouldBe(SourceStates.Connected);
    }

    [Fact]
    public async Task A_second_sync_fetches_only_the_UIDs_after_the_checkpoint()
    {
        await using var imap = await ImapHarness.StartAsync();
        await imap.AppendAsync("INBOX", 1, 3);
        await imap.RunAsync();
        var later = await imap.AppendAsync("INBOX", 10, 2);

        var run = await imap.RunAsync();

        run.Counts.Fetched.ShouldBe(2);
        run.Counts.New.ShouldBe(2);
        run.Counts.AlreadyRecorded.ShouldBe(0);
        var events = await imap.Store.Records.ListEventsAsync(ImapHarness.WorkspaceId, CancellationToken.None);
        events.Count.ShouldBe(5);
        events.Select(e => e.ProviderMessageId).ShouldContain(later[1]);
        var third = await imap.RunAsync();
        third.Counts.Fetched.ShouldBe(0);
    }

    [Fact]
    public async Task A_changed_UIDVALIDITY_resyncs_the_window_without_duplicates_and_records_a_Resync_incident()
    {
        await using var imap = await ImapHarness.StartAsync();
        var workspace = imap.Workspace(folders: ["Customers"]);
        var before = await imap.AppendAsync("Customers", 1, 3);
        await imap.RunAsync(workspace);
        var oldCheckpoint = (await imap.Store.States.ListAsync(ImapHarness.WorkspaceId, CancellationToken.None)).Single(s => s.Folder == "Customers").Checkpoint!;

        // The folder is deleted and created again (as a server migration would): the same messages under a new UIDVALIDITY, plus one.
        await RecreateAsync(imap, "Customers", ImapCheckpoint.Parse(oldCheckpoint)!.UidValidity);
        await imap.AppendAsync("Customers", 1, 3);
        var added = await imap.AppendAsync("Customers", 4, 1);

        var run = await imap.RunAsync(workspace);

        run.Counts.Fetched.ShouldBe(4);
        run.Counts.New.ShouldBe(1);
        run.Counts.AlreadyRecorded.ShouldBe(3);
        var events = (await imap.Store.Records.ListEventsAsync(ImapHarness.WorkspaceId, CancellationToken.None)).Where(e => e.Folder == "Customers").ToList();
        events.Select(e => e.ProviderMessageId).Order().ShouldBe(before.Concat(added).Order());
        var incident = (await imap.Store.Health.ListIncidentsAsync(ImapHarness.WorkspaceId, null, CancellationToken.None)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.Resync);
        incident.Details.ShouldContain("UIDVALIDITY changed");
        var newCheckpoint = ImapCheckpoint.Parse((await imap.Store.States.ListAsync(ImapHarness.WorkspaceId, CancellationToken.None)).Single(s => s.Folder == "Customers").Checkpoint)!;
        newCheckpoint.UidValidity.ShouldNotBe(ImapCheckpoint.Parse(oldCheckpoint)!.UidValidity);
        newCheckpoint.LastUid.ShouldBe(4u);
    }

    [Fact]
    public async Task A_wrong_password_marks_the_mailbox_Disconnected_without_failing_the_run()
    {
        await using var imap = await ImapHarness.StartAsync();
        await imap.AppendAsync("INBOX", 1, 2);
        imap.Options.Secrets["mbx-dana"] = "not the password";

        var run = await imap.RunAsync();

        run.Status.ShouldBe("Succeeded");
        run.Counts.Fetched.ShouldBe(0);
        var health = (await imap.Store.Health.GetAsync(ImapHarness.WorkspaceId, ImapHarness.Address, CancellationToken.None))!;
        health.State.ShouldBe(SourceStates.Disconnected);
        health.LastError!.ShouldNotContain("not the password");
        (await imap.Store.Health.ListIncidentsAsync(ImapHarness.WorkspaceId, "Open", CancellationToken.None)).ShouldHaveSingleItem().Kind.ShouldBe(IncidentKinds.CredentialRejected);
    }

    [Fact]
    public async Task A_message_deleted_between_listing_and_fetching_is_skipped_and_the_rest_is_read()
    {
        await using var imap = await ImapHarness.StartAsync();
        var ids = await imap.AppendAsync("INBOX", 1, 4);
        imap.Options.BatchSize = 2;
        var read = new List<string>();

        // The UIDs are listed before the first page; the third message is expunged before the second page is fetched.
        await foreach (var batch in imap.Source().ReadAsync(imap.Workspace(), [], null, CancellationToken.None))
        {
            read.AddRange(batch.Items.Select(i => i.Message!.ProviderMessageId));
            if (read.Count == 2)
            {
                await ExpungeAsync(imap, ids[2]);
            }
        }

        read.ShouldBe([ids[0], ids[1], ids[3]]);
    }

    [Fact]
    public async Task Two_thousand_messages_are_read_in_UID_pages_each_with_its_checkpoint()
    {
        await using var imap = await ImapHarness.StartAsync();
        var appendWatch = Stopwatch.StartNew();
        var ids = await imap.AppendAsync("INBOX", 1, 2_000);
        appendWatch.Stop();
        imap.Options.BatchSize = 500;
        var batches = new List<Core.Ports.SourceBatch>();
        var readWatch = Stopwatch.StartNew();

        await foreach (var batch in imap.Source().ReadAsync(imap.Workspace(), [], null, CancellationToken.None))
        {
            batches.Add(batch);
        }
        readWatch.Stop();

        var inbox = batches.Where(b => b.Checkpoints.Any(c => c.Folder == "inbox")).ToList();
        inbox.Count.ShouldBe(4);
        inbox.ShouldAllBe(b => b.Items.Count == 500);
        inbox.Select(b => ImapCheckpoint.Parse(b.Checkpoints.Single().Checkpoint)!.LastUid).ShouldBe([500u, 1000u, 1500u, 2000u]);
        var read = inbox.SelectMany(b => b.Items).Select(i => i.Message!.ProviderMessageId).ToList();
        read.Distinct().Count().ShouldBe(2_000);
        read.Order().ShouldBe(ids.Order());
        output.WriteLine($"APPEND of 2,000 messages: {appendWatch.ElapsedMilliseconds} ms; read in 4 pages of 500: {readWatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_with_back_off()
    {
        await using var imap = await ImapHarness.StartAsync();
        var ids = await imap.AppendAsync("INBOX", 1, 2);
        await using var proxy = DroppingProxy.Start(imap.Server.Port, dropFirst: 2);

        var run = await imap.RunAsync(imap.Workspace(port: proxy.Port));

        run.Status.ShouldBe("Succeeded");
        run.Counts.New.ShouldBe(2);
        proxy.Accepted.ShouldBe(3);
        (await imap.Store.Health.GetAsync(ImapHarness.WorkspaceId, ImapHarness.Address, CancellationToken.None))!.State.ShouldBe(SourceStates.Connected);
    }

    private static async Task RecreateAsync(ImapHarness imap, string name, uint oldValidity)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using (var deleting = await imap.ClientAsync())
            {
                await (await ImapHarness.FolderAsync(deleting, name)).DeleteAsync();
                await deleting.DisconnectAsync(true);
            }
            using var client = await imap.ClientAsync();
            var created = await ImapHarness.FolderAsync(client, name);
            await created.OpenAsync(MailKit.FolderAccess.ReadOnly);
            if (created.UidValidity != oldValidity)
            {
                return;
            }
            // Dovecot derives UIDVALIDITY from the clock's seconds: a folder recreated within the same second may get the old one.
            await Task.Delay(1_100);
        }
        throw new InvalidOperationException("Dovecot kept the old UIDVALIDITY");
    }

    private static async Task ExpungeAsync(ImapHarness imap, string messageId)
    {
        using var client = await imap.ClientAsync();
        await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadWrite);
        var uids = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", messageId));
        await client.Inbox.StoreAsync(uids.Single(), new MailKit.StoreFlagsRequest(MailKit.StoreAction.Add, MailKit.MessageFlags.Deleted) { Silent = true });
        await client.Inbox.ExpungeAsync();
        await client.DisconnectAsync(true);
    }
}
