using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Cli.Composition;

/// <summary>The runner composed over the embedded store: SQLite for records and checkpoints, a folder for attachments.</summary>
public sealed class EmbeddedPipeline : IAsyncDisposable
{
    private EmbeddedPipeline(EmbeddedStore store, IngestionRunner runner)
    {
        Store = store;
        Runner = runner;
    }

    /// <summary>The store.</summary>
    public EmbeddedStore Store { get; }

    /// <summary>The runner.</summary>
    public IngestionRunner Runner { get; }

    /// <summary>Opens the store in <paramref name="directory"/> and composes the runner over it.</summary>
    public static EmbeddedPipeline Open(string directory, TimeProvider time)
    {
        var store = EmbeddedStore.Open(directory, time);
        var runner = new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
            new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance, store.Pages);
        return new EmbeddedPipeline(store, runner);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
