using System.Runtime.CompilerServices;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Sources;

using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tests.Runs;

public sealed class CompositeMessageSourceTests
{
    private static readonly WorkspaceConfig Workspace = Pipeline.Messages.Workspace with
    {
        Mailboxes = [new MailboxConfig { Id = "ops", Provider = "Graph", Address = "ops@contoso.com" }],
        WhatsApp = new WhatsAppConfig { PhoneNumberId = "106540352242922" },
    };

    private static async Task<(List<SourceBatch> Batches, Exception? Error)> ReadAsync(IMessageSource source, CancellationToken cancellationToken = default)
    {
        var batches = new List<SourceBatch>();
        try
        {
            await foreach (var batch in source.ReadAsync(Workspace, [], null, cancellationToken))
            {
                batches.Add(batch);
            }
            return (batches, null);
        }
        catch (Exception ex)
        {
            return (batches, ex);
        }
    }

    [Fact]
    public async Task A_source_that_fails_midway_keeps_what_it_gave_and_the_next_source_is_still_read()
    {
        var composite = new CompositeMessageSource([new Source("graph", 1, new InvalidOperationException("Graph said no")), new Source("whatsapp", 2)]);

        var (batches, error) = await ReadAsync(composite);

        batches.Select(b => b.Items.Single().Message!.ProviderMessageId).ShouldBe(["graph-1", "whatsapp-1", "whatsapp-2"]);
        error.ShouldBeOfType<SourcesFailedException>().Failures.ShouldBe(["graph: Graph said no"]);
    }

    [Fact]
    public async Task Every_failing_source_is_named_once_all_were_read()
    {
        var composite = new CompositeMessageSource([new Source("a", 0, new TimeoutException("a timed out")), new Source("b", 1), new Source("c", 0, new IOException("c broke"))]);

        var (batches, error) = await ReadAsync(composite);

        batches.ShouldHaveSingleItem();
        error.ShouldBeOfType<SourcesFailedException>().Message.ShouldBe("Sources failed (the others were read): a: a timed out; c: c broke");
    }

    [Fact]
    public async Task Cancellation_stops_the_pull_instead_of_being_counted_as_a_failed_source()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var (_, error) = await ReadAsync(new CompositeMessageSource([new Source("a", 1), new Source("b", 1)]), cancel.Token);

        error.ShouldBeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public async Task A_provider_without_settings_marks_its_sources_NotConfigured_until_it_is_read()
    {
        await using var harness = new RunnerHarness();
        var health = new SourceHealthTracker(harness.Store.Health, harness.Time);
        var composite = new CompositeMessageSource([new Source("whatsapp", 1)])
        {
            NotConfigured = [new UnconfiguredProvider("Graph", "no Graph:Credential settings")],
            Health = health,
        };

        var (batches, error) = await ReadAsync(composite);

        error.ShouldBeNull();
        batches.ShouldHaveSingleItem();
        var graph = (await harness.Store.Health.GetAsync(Workspace.Id, "ops@contoso.com", default)).ShouldNotBeNull();
        (graph.State, graph.LastError, graph.Provider).ShouldBe((SourceStates.NotConfigured, "not configured: no Graph:Credential settings", "Graph"));
        (await harness.Store.Health.GetAsync(Workspace.Id, "106540352242922", default)).ShouldBeNull();
        await health.RecordSuccessAsync(Workspace.Id, "ops@contoso.com", "Graph", default);
        (await harness.Store.Health.GetAsync(Workspace.Id, "ops@contoso.com", default))!.State.ShouldBe(SourceStates.Connected);
    }

    private sealed class Source(string name, int batches, Exception? failure = null) : IMessageSource
    {
        public string Description => name;

        public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 1; i <= batches; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                yield return new SourceBatch([new SourceItem(i, Pipeline.Messages.Received("ana@fabrikam.com", "hello", "hi", id: $"{name}-{i}"))], []);
            }
            if (failure is not null)
            {
                throw failure;
            }
        }
    }
}
