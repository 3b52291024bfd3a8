using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Storage.Tests.Embedded;

/// <summary>
/// The regression guard of issue 17: what SQLite executes to ingest a message must not grow with what the store already
/// holds. The same 75 demo-shaped messages (fresh ids, threads and tickets each time) are ingested into a store holding 150
/// messages and into one holding 1,650; statements and VM instructions are counted, not timed, so the test cannot flake.
/// </summary>
public sealed class IngestStatementBudgetTests
{
    private static readonly string Demo = Path.Combine(RepositoryRoot.Path, "demo");
    private const int Copy = 75;

    [Fact]
    public async Task Ingesting_a_page_of_new_messages_executes_the_same_statements_and_instructions_whatever_the_store_holds()
    {
        using var directory = new TempStoreDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        using var store = EmbeddedStore.Open(Path.Combine(directory.Path, "store"), time);
        var meter = new SqliteMeter();
        store.Database.Opened = meter.Attach;

        await IngestAsync(store, time, Mailbox(directory, "base.jsonl", 0, 2 * Copy));
        var small = await MeasureAsync(store, time, meter, Mailbox(directory, "probe-small.jsonl", 2 * Copy, 3 * Copy));
        await IngestAsync(store, time, Mailbox(directory, "more.jsonl", 3 * Copy, 23 * Copy));
        var large = await MeasureAsync(store, time, meter, Mailbox(directory, "probe-large.jsonl", 23 * Copy, 24 * Copy));

        (await store.Records.ListEventsAsync("ws-demo", CancellationToken.None)).Count.ShouldBeGreaterThan(22 * (Copy - 2), "the large store holds 22 copies of the demo");
        small.Run.Counts.New.ShouldBe(Copy - 2, "each copy holds the demo's two unreadable lines");
        large.Run.Counts.New.ShouldBe(Copy - 2);
        large.Statements.ShouldBe(small.Statements, "statements per page of 75 messages");
        ((double)large.Instructions).ShouldBeLessThanOrEqualTo(small.Instructions * 1.01, $"VM instructions per page: {small.Instructions} with 150 messages stored, {large.Instructions} with 1,650");
        // A lookup that scans (the Message-ID lookup once walked every event) would cost at least one instruction per stored row.
        (large.Instructions - small.Instructions).ShouldBeLessThan(1_500);
    }

    [Fact]
    public async Task A_message_costs_a_bounded_number_of_statements_with_reads_and_writes_in_one_transaction_per_page()
    {
        using var directory = new TempStoreDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        using var store = EmbeddedStore.Open(Path.Combine(directory.Path, "store"), time);
        var meter = new SqliteMeter();
        store.Database.Opened = meter.Attach;

        var probe = await MeasureAsync(store, time, meter, Mailbox(directory, "probe.jsonl", 0, 4 * Copy));

        // Seen at the time of writing: about 17 a message (lookups, the event, archive, ticket, thread keys, tasks, savepoints).
        (probe.Statements / (double)probe.Run.Counts.Fetched).ShouldBeLessThan(25);
    }

    private sealed record Probe(IngestionRun Run, long Statements, long Instructions);

    private static async Task<Probe> MeasureAsync(EmbeddedStore store, TimeProvider time, SqliteMeter meter, string mailbox)
    {
        var before = meter.Read();
        var run = await IngestAsync(store, time, mailbox);
        var after = meter.Read();
        return new Probe(run, after.Statements - before.Statements, after.Instructions - before.Instructions);
    }

    // A backfill: the end-of-run ticket sweep visits every ticket once per run by design, which is not a per-message cost.
    private static Task<IngestionRun> IngestAsync(EmbeddedStore store, TimeProvider time, string mailbox) =>
        new IngestionRunner(store.States, store.Records, store.Attachments, store.Archive, store.Locks,
                new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance, store.Pages)
            .RunAsync(new RunRequest
            {
                Config = new WorkspaceConfigFile(Path.Combine(Demo, "workspace.json")),
                Source = new JsonLinesMessageSource(mailbox),
                Trigger = "Backfill",
            }, CancellationToken.None);

    private static string Mailbox(TempStoreDirectory directory, string name, int from, int to)
    {
        var path = Path.Combine(directory.Path, name);
        DemoReplicator.Write(Path.Combine(Demo, "mailbox.jsonl"), path, from, to);
        return path;
    }
}
