using OpsHelm.Core.Records;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

public sealed class SqliteProcessingStateStoreTests : IDisposable
{
    private readonly TempStoreDirectory _directory = new();
    private readonly EmbeddedStore _store;

    public SqliteProcessingStateStoreTests() => _store = EmbeddedStore.Open(_directory.Path, new FakeTimeProvider(Samples.Now));

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_saved_checkpoint_reads_back_as_written()
    {
        var state = new ProcessingState
        {
            WorkspaceId = "ws",
            Mailbox = "me@msp.example",
            Folder = "inbox",
            Checkpoint = "https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=abc",
            LastSuccessfulRun = Samples.SentAt,
            LastProcessedMessageId = "AAMk-1",
        };

        await _store.States.SaveAsync(state, CancellationToken.None);

        (await _store.States.ListAsync("ws", CancellationToken.None)).ShouldHaveSingleItem().ShouldBe(state);
    }

    [Fact]
    public async Task Saving_a_checkpoint_again_replaces_it_and_each_folder_keeps_its_own()
    {
        var inbox = new ProcessingState { WorkspaceId = "ws", Mailbox = "me@msp.example", Folder = "inbox", Checkpoint = "1" };
        var sent = inbox with { Folder = "sentitems", Checkpoint = "7" };
        await _store.States.SaveAsync(inbox, CancellationToken.None);
        await _store.States.SaveAsync(sent, CancellationToken.None);

        await _store.States.SaveAsync(inbox with { Checkpoint = "2" }, CancellationToken.None);

        (await _store.States.ListAsync("ws", CancellationToken.None)).Select(s => (s.Folder, s.Checkpoint))
            .ShouldBe([("inbox", "2"), ("sentitems", "7")]);
    }

    [Fact]
    public async Task Checkpoints_of_one_workspace_are_invisible_from_another()
    {
        await _store.States.SaveAsync(new ProcessingState { WorkspaceId = "ws-a", Mailbox = "m", Folder = "inbox", Checkpoint = "1" }, CancellationToken.None);

        (await _store.States.ListAsync("ws-b", CancellationToken.None)).ShouldBeEmpty();
    }
}
