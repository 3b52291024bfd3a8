using System.Runtime.CompilerServices;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;
using TestMessages = OpsHelm.Core.Tests.Pipeline.Messages;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Runs;

public sealed class ReconcilerTests
{
    private static readonly MessageWindow Window = new(new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Messages_the_provider_lists_but_nobody_recorded_are_fetched_and_processed()
    {
        await using var harness = new RunnerHarness();
        var mailbox = ProviderMailbox.With("a", "b", "c", "d");
        await harness.RunAsync(mailbox.Message("a"), mailbox.Message("b"));

        var run = await new Reconciler(harness.Runner, harness.Store.Records, mailbox).ReconcileAsync(new LoadedWorkspaceConfig(TestMessages.Workspace), Window, CancellationToken.None);

        mailbox.Fetched.ShouldBe(["c", "d"]);
        run.Trigger.ShouldBe("Reconcile");
        run.Counts.New.ShouldBe(2);
        var coverage = run.Coverage.ShouldHaveSingleItem();
        (coverage.Listed, coverage.RecordedBefore, coverage.RecordedAfter).ShouldBe((4, 2, 4));
        run.CoveragePercent.ShouldBe(100);
        (await harness.Store.Records.ListRunsAsync(TestMessages.Workspace.Id, 10, CancellationToken.None)).Single(r => r.RunId == run.RunId).Coverage.Single().RecordedBefore.ShouldBe(2);
    }

    [Fact]
    public async Task Coverage_counts_what_the_provider_lists_not_what_arrived()
    {
        await using var harness = new RunnerHarness();
        var mailbox = ProviderMailbox.With("a", "b", "c", "gone");
        await harness.RunAsync(mailbox.Message("a"));

        var run = await new Reconciler(harness.Runner, harness.Store.Records, mailbox).ReconcileAsync(new LoadedWorkspaceConfig(TestMessages.Workspace), Window, CancellationToken.None);

        // "gone" is listed but cannot be fetched: it becomes a ParseFailure exception, never an EmailEvent, so coverage stays below 100.
        run.Coverage.Single().RecordedAfter.ShouldBe(3);
        run.CoveragePercent.ShouldBe(75);
        run.Counts.ExceptionsByReason["ParseFailure"].ShouldBe(1);
    }

    [Fact]
    public async Task A_fully_recorded_window_fetches_nothing()
    {
        await using var harness = new RunnerHarness();
        var mailbox = ProviderMailbox.With("a", "b");
        await harness.RunAsync(mailbox.Message("a"), mailbox.Message("b"));

        var run = await new Reconciler(harness.Runner, harness.Store.Records, mailbox).ReconcileAsync(new LoadedWorkspaceConfig(TestMessages.Workspace), Window, CancellationToken.None);

        mailbox.Fetched.ShouldBeEmpty();
        run.Counts.Fetched.ShouldBe(0);
        run.CoveragePercent.ShouldBe(100);
    }

    /// <summary>Stands in for a provider's message list (what leaves the machine); "gone" ids cannot be fetched.</summary>
    private sealed class ProviderMailbox(IReadOnlyList<string> ids) : IMessageInventory
    {
        public List<string> Fetched { get; } = [];

        public static ProviderMailbox With(params string[] ids) => new(ids);

        public InboundMessage Message(string id) =>
            TestMessages.Received("ops@quarrylane.com", $"Question {id}", "Can you check the VPN?", id: id) with { SentAt = Window.From.AddHours(1) };

        public Task<IReadOnlyList<string>> ListIdsAsync(WorkspaceConfig workspace, MailboxConfig mailbox, MessageWindow window, CancellationToken cancellationToken) =>
            Task.FromResult(ids);

        public async IAsyncEnumerable<SourceItem> FetchAsync(WorkspaceConfig workspace, MailboxConfig mailbox, IReadOnlyList<string> providerMessageIds,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            var position = 0;
            foreach (var id in providerMessageIds)
            {
                Fetched.Add(id);
                position++;
                yield return id == "gone"
                    ? new SourceItem(position, null, $"message {id} could not be fetched: 404 ErrorItemNotFound", RawFingerprint: id)
                    : new SourceItem(position, Message(id));
            }
        }
    }
}
