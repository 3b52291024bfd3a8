using OpsHelm.Connectors.Graph;
using OpsHelm.Connectors.Tests.Graph.Fake;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Graph;

public sealed class GraphMailDeltaSourceTests
{
    private const string Mailbox = GraphTestContext.Mailbox;

    [Fact]
    public async Task Each_delta_page_is_one_batch_whose_checkpoint_is_the_next_or_delta_link()
    {
        await using var context = await GraphTestContext.StartAsync();
        for (var n = 1; n <= 25; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        var inbox = batches.Where(b => b.Checkpoints.Single().Folder == "inbox").ToList();
        inbox.Select(b => b.Items.Count).ShouldBe([10, 10, 5]);
        inbox[0].Checkpoints.Single().Checkpoint.ShouldContain("$skiptoken=");
        inbox[1].Checkpoints.Single().Checkpoint.ShouldContain("$skiptoken=");
        inbox[2].Checkpoints.Single().Checkpoint.ShouldContain("$deltatoken=");
        inbox[2].Checkpoints.Single().LastMessageId.ShouldBe("AAMkAGU-inbox-0025=");
        batches.Last().Checkpoints.Single().Folder.ShouldBe("sentitems");
        batches.Last().Checkpoints.Single().Checkpoint.ShouldContain("$deltatoken=");
        inbox.SelectMany(b => b.Items).Select(i => i.Message!.ProviderMessageId).Distinct().Count().ShouldBe(25);
    }

    [Fact]
    public async Task The_first_delta_request_selects_only_used_fields_and_prefers_text_bodies_and_the_page_size()
    {
        await using var context = await GraphTestContext.StartAsync();
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-1)));
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        var first = context.Graph.Requests.First(r => r.IsDelta("inbox"));
        first.Q("$select")!.Split(',').ShouldBe(["id", "subject", "body", "from", "sender", "toRecipients", "ccRecipients", "bccRecipients",
            "sentDateTime", "receivedDateTime", "internetMessageId", "conversationId", "hasAttachments", "internetMessageHeaders"], ignoreOrder: true);
        first.Q("changeType").ShouldBe("created");
        first.Q("$filter").ShouldBe("receivedDateTime ge 2026-01-31T12:00:00Z");
        first.Prefer.ShouldContain("odata.maxpagesize=10");
        first.Prefer.ShouldContain("outlook.body-content-type=\"text\"");
        var message = batches.SelectMany(b => b.Items).Single().Message!;
        message.BodyIsHtml.ShouldBeFalse();
        message.Body.ShouldContain("the VPN tunnel for the Leeds office drops every hour");
        message.Body.ShouldNotContain("<p>");
        message.Header("MIME-Version").ShouldBe("1.0");
    }

    [Fact]
    public async Task A_later_run_from_the_saved_delta_link_reads_only_new_messages_and_skips_removed_ones()
    {
        await using var context = await GraphTestContext.StartAsync();
        for (var n = 1; n <= 3; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
        var source = context.MailSource();
        var (first, _) = await context.ReadAllAsync(source, GraphTestContext.Workspace());

        context.Graph.Mail.Remove(Mailbox, "inbox", "AAMkAGU-inbox-0002=");
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 4, GraphTestContext.Start));
        context.Graph.ClearRequests();
        var (second, error) = await context.ReadAllAsync(source, GraphTestContext.Workspace(), GraphTestContext.StatesAfter(first));

        error.ShouldBeNull();
        second.SelectMany(b => b.Items).Select(i => i.Message!.ProviderMessageId).ShouldBe(["AAMkAGU-inbox-0004="]);
        context.Graph.Requests.Where(r => r.IsDelta()).ShouldAllBe(r => r.Q("$deltatoken") != null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_delta_token_starts_a_bounded_resync_and_records_it(bool answeredWithResyncRequired)
    {
        await using var context = await GraphTestContext.StartAsync();
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddDays(-20)));
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 2, GraphTestContext.Start.AddDays(-3)));
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
        var source = context.MailSource();
        var (first, _) = await context.ReadAllAsync(source, GraphTestContext.Workspace());
        if (answeredWithResyncRequired)
        {
            context.Graph.Fail(r => r.IsDelta("inbox") && r.Q("$deltatoken") != null, 400, "resyncRequired");
        }
        else
        {
            context.Graph.Mail.ExpireDeltaTokens(Mailbox, "inbox");
        }
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 3, GraphTestContext.Start.AddHours(-1)));
        context.Graph.ClearRequests();

        var (second, error) = await context.ReadAllAsync(source, GraphTestContext.Workspace(), GraphTestContext.StatesAfter(first));

        error.ShouldBeNull();
        var fresh = context.Graph.Requests.Where(r => r.IsDelta("inbox") && r.Q("$deltatoken") is null).ShouldHaveSingleItem();
        fresh.Q("$filter").ShouldBe("receivedDateTime ge 2026-02-23T12:00:00Z");
        // The resync re-reads the window (message 2 again, the store skips it) but not the 20-day-old message 1.
        second.SelectMany(b => b.Items).Select(i => i.Message!.ProviderMessageId).ShouldBe(["AAMkAGU-inbox-0002=", "AAMkAGU-inbox-0003="]);
        second.Where(b => b.Checkpoints.Single().Folder == "inbox").Last().Checkpoints.Single().Checkpoint.ShouldContain("$deltatoken=");
        var incident = (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, null, default)).ShouldHaveSingleItem();
        incident.Kind.ShouldBe(IncidentKinds.Resync);
        incident.Details.ShouldContain("inbox");
        context.Retries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_throttled_page_is_retried_once_after_the_Retry_After_wait()
    {
        await using var context = await GraphTestContext.StartAsync();
        for (var n = 1; n <= 15; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
        context.Graph.Fail(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null, 429, "TooManyRequests", retryAfter: TimeSpan.FromSeconds(7));

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        batches.SelectMany(b => b.Items).Count().ShouldBe(15);
        context.Retries.ShouldBe([(429, TimeSpan.FromSeconds(7))]);
        context.Graph.Requests.Count(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null).ShouldBe(2);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_waits_up_to_the_cap_then_the_checkpoint_stays_and_the_failure_is_reported()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Retry.MaxRetryAttempts = 3);
        for (var n = 1; n <= 15; n++)
        {
            context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", n, GraphTestContext.Start.AddHours(-n)));
        }
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");
        context.Graph.Fail(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null, 503, "serviceNotAvailable", times: 100);

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeOfType<GraphSourceException>().Message.ShouldContain("HTTP 503");
        // The first page was yielded (its checkpoint is the next link); the failed page yielded nothing, so nothing moves past it.
        batches.ShouldHaveSingleItem().Checkpoints.Single().Checkpoint.ShouldContain("$skiptoken=");
        context.Graph.Requests.Count(r => r.IsDelta("inbox") && r.Q("$skiptoken") != null).ShouldBe(4);
        context.Retries.Select(r => r.Status).ShouldBe([503, 503, 503]);
        context.Retries.Select(r => r.Delay).ShouldAllBe(d => d <= context.Options.Retry.MaxDelay);
        context.Graph.Requests.ShouldNotContain(r => r.IsDelta("sentitems"));
        var health = (await context.HealthStore.GetAsync(GraphTestContext.WorkspaceId, Mailbox, default)).ShouldNotBeNull();
        health.State.ShouldBe(SourceStates.Degraded);
        health.LastError.ShouldBe("folder 'inbox': HTTP 503 (serviceNotAvailable)");
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_limit_is_not_waited_for()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(30));
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-1)));
        context.Graph.Fail(r => r.IsDelta("inbox"), 429, "TooManyRequests", retryAfter: TimeSpan.FromMinutes(10));

        var (_, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeOfType<GraphSourceException>().Message.ShouldContain("HTTP 429");
        context.Retries.ShouldBeEmpty();
        context.Graph.Requests.Count(r => r.IsDelta("inbox")).ShouldBe(1);
    }

    [Fact]
    public async Task A_rejected_credential_is_not_retried_and_disconnects_the_source()
    {
        await using var context = await GraphTestContext.StartAsync(token: "revoked-token");
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-1)));

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeOfType<GraphSourceException>().Message.ShouldContain("HTTP 401");
        batches.ShouldBeEmpty();
        context.Graph.Requests.Count.ShouldBe(1);
        var health = (await context.HealthStore.GetAsync(GraphTestContext.WorkspaceId, Mailbox, default)).ShouldNotBeNull();
        health.State.ShouldBe(SourceStates.Disconnected);
        (await context.HealthStore.ListIncidentsAsync(GraphTestContext.WorkspaceId, "Open", default)).ShouldHaveSingleItem().Kind.ShouldBe(IncidentKinds.CredentialRejected);
    }

    [Fact]
    public async Task Headers_left_out_by_delta_are_read_with_one_follow_up_request_but_not_for_sent_items()
    {
        await using var context = await GraphTestContext.StartAsync();
        var withheld = GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-1));
        withheld["omitHeadersInDelta"] = true;
        context.Graph.Mail.Add(Mailbox, "inbox", withheld);
        context.Graph.Mail.Add(Mailbox, "inbox", GraphMessages.Create("inbox", 2, GraphTestContext.Start.AddHours(-2)));
        context.Graph.Mail.Add(Mailbox, "sentitems", GraphMessages.Create("sentitems", 1, GraphTestContext.Start.AddHours(-1)));

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        var reads = context.Graph.Requests.Where(r => r.Segments.Length == 4 && r.Segments[2] == "messages").ToList();
        reads.ShouldHaveSingleItem().Segments[3].ShouldBe("AAMkAGU-inbox-0001=");
        reads[0].Q("$select")!.ShouldContain("internetMessageHeaders");
        var messages = batches.SelectMany(b => b.Items).Select(i => i.Message!).ToList();
        messages.Single(m => m.ProviderMessageId == "AAMkAGU-inbox-0001=").Header("MIME-Version").ShouldBe("1.0");
        messages.Single(m => m.Folder == "sentitems").Headers.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_allowed_folder_named_by_display_name_is_resolved_to_its_id()
    {
        await using var context = await GraphTestContext.StartAsync();
        context.Graph.Mail.AddFolder(Mailbox, "inbox");
        context.Graph.Mail.Add(Mailbox, "Customer Escalations", GraphMessages.Create("escalations", 1, GraphTestContext.Start.AddHours(-1)));
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace("Customer Escalations"));

        error.ShouldBeNull();
        var lookup = context.Graph.Requests.Where(r => r.Segments.Length == 3 && r.Segments[2] == "mailFolders").ShouldHaveSingleItem();
        lookup.Q("$filter").ShouldBe("displayName eq 'Customer Escalations'");
        context.Graph.Requests.ShouldContain(r => r.IsDelta(context.Graph.Mail.FolderId(Mailbox, "Customer Escalations")));
        var message = batches.SelectMany(b => b.Items).ShouldHaveSingleItem().Message!;
        message.Folder.ShouldBe("Customer Escalations");
        batches.Select(b => b.Checkpoints.Single().Folder).ShouldBe(["inbox", "Customer Escalations", "sentitems"]);
    }

    [Fact]
    public async Task Attachments_are_read_within_the_limit_and_the_rest_kept_as_metadata()
    {
        await using var context = await GraphTestContext.StartAsync(o => o.Mail.MaxAttachmentBytes = 1024 * 1024);
        var message = GraphMessages.Create("inbox", 1, GraphTestContext.Start.AddHours(-1));
        message["hasAttachments"] = true;
        context.Graph.Mail.Add(Mailbox, "inbox", message);
        context.Graph.Mail.AddAttachments("AAMkAGU-inbox-0001=", GraphMessages.Attachments());
        context.Graph.Mail.AddFolder(Mailbox, "sentitems");

        var (batches, error) = await context.ReadAllAsync(context.MailSource(), GraphTestContext.Workspace());

        error.ShouldBeNull();
        var attachments = batches.SelectMany(b => b.Items).Single().Message!.Attachments;
        attachments.Select(a => a.Name).ShouldBe(["vpn-log.txt", "image001.png", "full-capture.pcap", "Original escalation", "Leeds network diagram.vsdx"]);
        System.Text.Encoding.UTF8.GetString(attachments[0].Content!).ShouldBe("tunnel down at 09:00\n");
        attachments[0].IsInline.ShouldBeFalse();
        attachments[1].IsInline.ShouldBeTrue();
        attachments[1].Content.ShouldNotBeNull();
        attachments[2].Content.ShouldBeNull();
        attachments[2].ContentError.ShouldBe("41943040 bytes is over the 1048576-byte download limit; not downloaded");
        attachments[3].Content.ShouldBeNull();
        attachments[3].ContentError.ShouldBeNull();
        attachments[4].Content.ShouldBeNull();
        attachments[4].ContentError.ShouldBeNull();
        var list = context.Graph.Requests.Where(r => r.IsAttachment && r.Segments.Length == 5).ShouldHaveSingleItem();
        list.Q("$select").ShouldBe("id,name,contentType,size,isInline");
        context.Graph.Requests.Where(r => r.IsAttachment && r.Segments.Length == 7).Select(r => r.Segments[5]).ShouldBe(["AAMkADA1M-zAAA=", "AAMkADA1M-zAAB="]);
    }
}
