using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Core.Tests.Runs;

/// <summary>The real runner over a throw-away embedded store.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "opshelm-core-tests", Guid.NewGuid().ToString("n"));

    public RunnerHarness()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));
        Store = EmbeddedStore.Open(_directory, Time);
        Runner = new IngestionRunner(Store.States, Store.Records, Store.Attachments, Store.Archive, Store.Locks,
            new MessagePipeline(new PipelineOptions(), Time), Time, NullLogger<IngestionRunner>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public EmbeddedStore Store { get; }

    public IngestionRunner Runner { get; }

    public Task<IngestionRun> RunAsync(params InboundMessage[] messages) => Runner.RunAsync(new RunRequest
    {
        Config = new LoadedWorkspaceConfig(Pipeline.Messages.Workspace),
        Source = new ListSource(messages),
    }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class ListSource(IReadOnlyList<InboundMessage> messages) : IMessageSource
    {
        public string Description => "a list";

        public async IAsyncEnumerable<SourceBatch> ReadAsync(WorkspaceConfig workspace, IReadOnlyList<ProcessingState> states, DateTimeOffset? since,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new SourceBatch(messages.Select((m, i) => new SourceItem(i + 1, m)).ToList(), []);
        }
    }
}
