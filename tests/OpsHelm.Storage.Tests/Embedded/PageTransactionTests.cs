using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

/// <summary>A page is one transaction; a message that throws halfway rolls back alone and is recorded as ProcessingFailed.</summary>
public sealed class PageTransactionTests
{
    private const string Mailbox = "dana@harbor.example";

    [Fact]
    public async Task A_message_that_fails_after_writing_rolls_back_alone_and_is_recorded_as_processing_failed_while_its_page_commits()
    {
        using var directory = new TempStoreDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        using var store = EmbeddedStore.Open(Path.Combine(directory.Path, "store"), time);
        var attachments = new FailingSecondAttachment(store.Attachments, "Email:m2");
        var source = Path.Combine(directory.Path, "three.jsonl");
        await File.WriteAllLinesAsync(source, [Line("m1"), Line("m2"), Line("m3")]);

        var run = await new IngestionRunner(store.States, store.Records, attachments, store.Archive, store.Locks,
                new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance, store.Pages)
            .RunAsync(new RunRequest { Config = new Workspace(), Source = new JsonLinesMessageSource(source), Trigger = "Cli" }, CancellationToken.None);

        run.Status.ShouldBe("Succeeded");
        run.Counts.New.ShouldBe(3);
        var events = (await store.Records.ListEventsAsync("ws", CancellationToken.None)).ToDictionary(e => e.ProviderMessageId);
        events.Keys.ShouldBe(["m1", "m2", "m3"], ignoreOrder: true);
        events["m1"].AttachmentIds.Count.ShouldBe(2);
        events["m2"].Category.ShouldBe(Category.Other);
        events["m2"].AttachmentIds.ShouldBeEmpty();
        // m2's first attachment was stored before its second failed: the row went with the rollback.
        (await store.Attachments.FindAsync("ws", attachments.FirstSavedOfFailing!, CancellationToken.None)).ShouldBeNull();
        var failure = (await store.Records.ListExceptionsAsync("ws", null, CancellationToken.None)).ShouldHaveSingleItem();
        failure.Reason.ShouldBe(ExceptionReason.ProcessingFailed);
        failure.MessageId.ShouldBe("m2");
        failure.Details.ShouldContain("disk full");
        (await store.Archive.FindAsync("ws", "Email:m2", CancellationToken.None)).ShouldNotBeNull("triage re-normalizes a failed message from its archived copy");
        (await store.States.ListAsync("ws", CancellationToken.None)).ShouldHaveSingleItem().LastProcessedMessageId.ShouldBe("m3");
    }

    [Fact]
    public async Task A_page_disposed_without_commit_leaves_nothing_of_its_messages_or_checkpoint()
    {
        using var directory = new TempStoreDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        using var store = EmbeddedStore.Open(Path.Combine(directory.Path, "store"), time);

        await using (var page = store.Pages.BeginPage())
        {
            using (var item = page.BeginItem())
            {
                await store.Records.RecordExceptionAsync(new ExceptionRecord
                {
                    Id = "x1", WorkspaceId = "ws", EventKey = "source:1", MessageId = "line:1", Reason = ExceptionReason.ParseFailure, Details = "d", CreatedAt = time.GetUtcNow(),
                }, CancellationToken.None);
                item.Complete();
            }
            await store.States.SaveAsync(new ProcessingState { WorkspaceId = "ws", Mailbox = Mailbox, Folder = "inbox", Checkpoint = "c" }, CancellationToken.None);
            (await store.Records.ListExceptionsAsync("ws", null, CancellationToken.None)).Count.ShouldBe(1, "the page reads its own writes");
        }

        (await store.Records.ListExceptionsAsync("ws", null, CancellationToken.None)).ShouldBeEmpty();
        (await store.States.ListAsync("ws", CancellationToken.None)).ShouldBeEmpty();
    }

    private static string Line(string id) =>
        $$"""{ "mailbox": "{{Mailbox}}", "folder": "inbox", "message": { "id": "{{id}}", "subject": "Notes {{id}}", "sentDateTime": "2026-11-10T18:00:00Z", "from": { "emailAddress": { "address": "pat@customer.example" } }, "attachments": [ { "@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt", "contentType": "text/plain", "size": 5, "contentBytes": "aGVsbG8=" }, { "@odata.type": "#microsoft.graph.fileAttachment", "name": "b.txt", "contentType": "text/plain", "size": 5, "contentBytes": "d29ybGQ=" } ] } }""";

    private sealed class Workspace : IWorkspaceConfigSource
    {
        public Task<WorkspaceConfig> LoadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new WorkspaceConfig { Id = "ws", Name = "Test", TimeZone = "UTC", Mailboxes = [new MailboxConfig { Id = "m", Address = Mailbox }] });
    }

    // The second attachment of one message fails once, after the first was stored: a failure halfway through a message.
    private sealed class FailingSecondAttachment(IAttachmentStore inner, string failingEventKey) : IAttachmentStore
    {
        private bool _failed;

        public string? FirstSavedOfFailing { get; private set; }

        public async Task<string> SaveAsync(string workspaceId, string eventKey, InboundAttachment attachment, CancellationToken cancellationToken)
        {
            if (eventKey == failingEventKey && !_failed)
            {
                if (FirstSavedOfFailing is null)
                {
                    FirstSavedOfFailing = await inner.SaveAsync(workspaceId, eventKey, attachment, cancellationToken);
                    return FirstSavedOfFailing;
                }
                _failed = true;
                throw new IOException("disk full");
            }
            return await inner.SaveAsync(workspaceId, eventKey, attachment, cancellationToken);
        }

        public Task<AttachmentInfo?> FindAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) => inner.FindAsync(workspaceId, attachmentId, cancellationToken);

        public Task<byte[]?> ReadAsync(string workspaceId, string attachmentId, CancellationToken cancellationToken) => inner.ReadAsync(workspaceId, attachmentId, cancellationToken);

        public Task<Uri?> CreateReadLinkAsync(string workspaceId, string attachmentId, TimeSpan lifetime, CancellationToken cancellationToken) =>
            inner.CreateReadLinkAsync(workspaceId, attachmentId, lifetime, cancellationToken);
    }
}
