using System.Globalization;
using OpsHelm.Connectors.Gmail;
using OpsHelm.Connectors.Tests.Doubles;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Sources;

namespace OpsHelm.Connectors.Tests.Gmail;

public class GmailHistorySourceTests
{
    private static List<InboundMessage> Messages(IEnumerable<SourceBatch> batches) =>
        batches.SelectMany(b => b.Items).Select(i => i.Message!).ToList();

    private static string Id(long historyId) => historyId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Bootstrap_lists_recent_mail_then_checkpoints_at_the_profile_history_id()
    {
        await using var gmail = await GmailHarness.StartAsync();
        gmail.Fake.AddMessage(new FakeGmailMessage { Subject = "old", Date = DateTimeOffset.UtcNow.AddDays(-30) });
        var recent = Enumerable.Range(0, 3).Select(i => gmail.Fake.AddMessage(new FakeGmailMessage { Subject = $"recent {i}" })).ToList();

        var batches = await gmail.ReadAllAsync(gmail.Source());

        Messages(batches).Select(m => m.ProviderMessageId).Order().ShouldBe(recent.Order());
        batches.SelectMany(b => b.Checkpoints).Last().Checkpoint.ShouldBe(Id(gmail.Fake.CurrentHistoryId));
        gmail.Fake.Requests.ShouldContain(r => r.StartsWith($"GET /gmail/v1/users/{GmailHarness.Address}/messages?q=after%3A", StringComparison.Ordinal));
        gmail.Fake.Requests.First().ShouldEndWith("/profile");
    }

    [Fact]
    public async Task History_pages_are_followed_with_page_tokens_and_checkpointed_page_by_page()
    {
        await using var gmail = await GmailHarness.StartAsync(o => o.HistoryPageSize = 3);
        var start = gmail.Fake.CurrentHistoryId;
        var ids = Enumerable.Range(0, 7).Select(i => gmail.Fake.AddMessage(new FakeGmailMessage { Subject = $"m{i}" })).ToList();

        var batches = await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start));

        batches.Count.ShouldBe(3);
        Messages(batches).Select(m => m.ProviderMessageId).ShouldBe(ids);
        batches.Select(b => b.Checkpoints.Single().Checkpoint).ShouldBe([Id(start + 3), Id(start + 6), Id(gmail.Fake.CurrentHistoryId)]);
        var historyCalls = gmail.Fake.Requests.Where(r => r.Contains("/history?", StringComparison.Ordinal)).ToList();
        historyCalls.Count.ShouldBe(3);
        historyCalls[0].ShouldContain("historyTypes=messageAdded&historyTypes=labelAdded");
        historyCalls[1].ShouldContain("pageToken=3");
        historyCalls[2].ShouldContain("pageToken=6");
    }

    [Fact]
    public async Task A_message_labelled_SENT_is_sent_items_and_a_label_added_to_an_archived_message_brings_it_in()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        var sent = gmail.Fake.AddMessage(new FakeGmailMessage { From = "Dana Lee <dana@opshelm-msp.com>", To = "ana@contoso.com", Labels = ["SENT"] });
        var archived = gmail.Fake.AddMessage(new FakeGmailMessage { Labels = ["CATEGORY_UPDATES"] });
        var draft = gmail.Fake.AddMessage(new FakeGmailMessage { Labels = ["DRAFT"] });
        gmail.Fake.AddLabel(archived, "INBOX");

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        messages.Single(m => m.ProviderMessageId == sent).Folder.ShouldBe("sentitems");
        messages.Single(m => m.ProviderMessageId == archived).Folder.ShouldBe("inbox");
        messages.ShouldNotContain(m => m.ProviderMessageId == draft);
        gmail.Fake.Requests.Count(r => r.Contains($"/messages/{archived}?", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_history_id_Gmail_no_longer_has_resyncs_by_listing_and_records_a_Resync()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var stale = gmail.Fake.CurrentHistoryId;
        var before = gmail.Fake.AddMessage(new FakeGmailMessage { Subject = "before expiry" });
        gmail.Fake.ExpireHistory();
        var after = gmail.Fake.AddMessage(new FakeGmailMessage { Subject = "after expiry" });

        var batches = await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(stale));

        Messages(batches).Select(m => m.ProviderMessageId).Order().ShouldBe(new[] { before, after }.Order());
        batches.SelectMany(b => b.Checkpoints).Last().Checkpoint.ShouldBe(Id(gmail.Fake.CurrentHistoryId));
        var incidents = await gmail.HealthStore.ListIncidentsAsync(GmailHarness.WorkspaceId, null, CancellationToken.None);
        incidents.Single().Kind.ShouldBe(IncidentKinds.Resync);
        incidents.Single().Details.ShouldContain($"historyId {stale}");
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_server_sent()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        var id = gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.Fail("/history", 429, "rateLimitExceeded", retryAfterSeconds: 7);

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        messages.Single().ProviderMessageId.ShouldBe(id);
        gmail.Retries.ShouldContain((429, TimeSpan.FromSeconds(7)));
        gmail.Fake.Requests.Count(r => r.Contains("/history?", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Server_errors_and_user_rate_limits_are_retried_and_the_message_is_read()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        var id = gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.Fail($"/messages/{id}", 503, "backendError");
        gmail.Fake.Fail($"/messages/{id}", 403, "userRateLimitExceeded");

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        messages.Single().ProviderMessageId.ShouldBe(id);
        gmail.Fake.Requests.Count(r => r.Contains($"/messages/{id}?", StringComparison.Ordinal)).ShouldBe(3);
        gmail.Retries.Select(r => r.Status).ShouldBe([503, 403]);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_failure_is_recorded_on_the_source()
    {
        await using var gmail = await GmailHarness.StartAsync(o => o.MaxRetries = 2);
        var start = gmail.Fake.CurrentHistoryId;
        gmail.Fake.AddMessage(new FakeGmailMessage());
        gmail.Fake.Fail("/history", 500, "backendError", times: 10);

        var error = await Should.ThrowAsync<GmailApiException>(() => gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        error.StatusCode.ShouldBe(500);
        gmail.Fake.Requests.Count(r => r.Contains("/history?", StringComparison.Ordinal)).ShouldBe(3);
        var health = await gmail.HealthOfMailboxAsync();
        health!.State.ShouldBe(SourceStates.Degraded);
        health.ConsecutiveFailures.ShouldBe(1);
    }

    [Fact]
    public async Task A_forbidden_403_that_is_not_a_rate_limit_is_not_retried()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        gmail.Fake.Fail("/history", 403, "insufficientPermissions");

        await Should.ThrowAsync<GmailApiException>(() => gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start)));

        gmail.Fake.Requests.Count(r => r.Contains("/history?", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_token_disconnects_the_source_with_a_CredentialRejected_incident()
    {
        await using var gmail = await GmailHarness.StartAsync(tokens: _ => new StaticGmailTokenSource("revoked-token"));
        gmail.Fake.AddMessage(new FakeGmailMessage());

        var error = await Should.ThrowAsync<GmailApiException>(() => gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(1)));

        error.CredentialRejected.ShouldBeTrue();
        (await gmail.HealthOfMailboxAsync())!.State.ShouldBe(SourceStates.Disconnected);
        var incidents = await gmail.HealthStore.ListIncidentsAsync(GmailHarness.WorkspaceId, "Open", CancellationToken.None);
        incidents.Single().Kind.ShouldBe(IncidentKinds.CredentialRejected);
    }

    [Fact]
    public async Task An_attachment_over_the_limit_is_kept_without_content_naming_the_limit_and_not_downloaded()
    {
        await using var gmail = await GmailHarness.StartAsync(o => o.MaxAttachmentBytes = 1_000);
        var start = gmail.Fake.CurrentHistoryId;
        var small = new byte[] { 1, 2, 3, 4 };
        gmail.Fake.AddMessage(new FakeGmailMessage
        {
            Attachments = [("big.pdf", "application/pdf", new byte[5_000]), ("small.bin", "application/octet-stream", small)],
        });

        var message = Messages(await gmail.ReadAllAsync(gmail.Source(), GmailHarness.Checkpoint(start))).Single();

        var big = message.Attachments.Single(a => a.Name == "big.pdf");
        big.Content.ShouldBeNull();
        big.Size.ShouldBe(5_000);
        big.ContentError!.ShouldContain("1000-byte");
        message.Attachments.Single(a => a.Name == "small.bin").Content.ShouldBe(small);
        gmail.Fake.Requests.Count(r => r.Contains("/attachments/", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Without_any_push_the_poll_reads_new_mail_and_marks_covered_pushes_done()
    {
        await using var gmail = await GmailHarness.StartAsync();
        var start = gmail.Fake.CurrentHistoryId;
        var inbox = gmail.Inbox;
        gmail.Fake.AddMessage(new FakeGmailMessage());
        var covered = Push("covered", gmail.Fake.CurrentHistoryId);
        var ahead = Push("ahead", gmail.Fake.CurrentHistoryId + 50);
        await inbox.AddAsync(covered, CancellationToken.None);
        await inbox.AddAsync(ahead, CancellationToken.None);

        var messages = Messages(await gmail.ReadAllAsync(gmail.Source(pushes: inbox), GmailHarness.Checkpoint(start)));

        messages.Count.ShouldBe(1);
        var pending = await inbox.ListPendingAsync(GmailHarness.WorkspaceId, 10, CancellationToken.None);
        pending.Select(p => p.Id).ShouldBe(["ahead"]);
    }

    private static PushNotice Push(string id, long historyId) => new()
    {
        Id = id,
        WorkspaceId = GmailHarness.WorkspaceId,
        Provider = "Gmail",
        SourceId = GmailHarness.Address,
        Kind = "history",
        Payload = $$"""{"emailAddress":"{{GmailHarness.Address}}","historyId":"{{historyId}}"}""",
    };
}
