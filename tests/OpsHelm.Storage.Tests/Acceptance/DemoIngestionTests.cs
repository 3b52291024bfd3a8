using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;
using OpsHelm.Storage.Embedded;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Storage.Tests.Acceptance;

/// <summary>
/// The bundled demo ingested by the real runner (JSON Lines source, steps 4–7, records, attachments, checkpoints) into the
/// embedded store and into Cosmos DB + Blob storage: both must hold the same picture.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class DemoIngestionTests(EmulatorsFixture emulators)
{
    private static readonly string Demo = Path.Combine(RepositoryRoot.Path, "demo");

    [Fact]
    public async Task The_demo_ingested_into_Cosmos_Blob_and_Tables_gives_the_same_counts_tickets_and_records_as_the_embedded_store()
    {
        using var directory = new TempStoreDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        using var embedded = EmbeddedStore.Open(directory.Path, time);
        await using var cosmos = await CosmosStore.ConnectAsync(emulators.Cosmos(), time, CancellationToken.None);
        using var blob = await BlobAttachmentStore.OpenAsync(emulators.Blob(), time, null, CancellationToken.None);
        var tables = await TableStore.ConnectAsync(emulators.Tables(), null, CancellationToken.None);

        var embeddedRun = await IngestAsync(new IngestionRunner(embedded.States, embedded.Records, embedded.Attachments, embedded.Archive, embedded.Locks, Pipeline(time), time, NullLogger<IngestionRunner>.Instance));
        var azureRun = await IngestAsync(new IngestionRunner(tables.States, cosmos.Records, blob, cosmos.Archive, cosmos.Locks, Pipeline(time), time, NullLogger<IngestionRunner>.Instance));

        azureRun.Status.ShouldBe("Succeeded");
        embeddedRun.Counts.Fetched.ShouldBe(75);
        Json.Of(azureRun.Counts).ShouldBe(Json.Of(embeddedRun.Counts));
        azureRun.Counts.AttachmentsStored.ShouldBeGreaterThan(0, "the demo carries attachments, so Blob storage was exercised");
        var ws = embeddedRun.WorkspaceId;
        Json.Of(Sorted(await cosmos.Records.ListTicketsAsync(ws, CancellationToken.None), t => t.TicketId))
            .ShouldBe(Json.Of(Sorted(await embedded.Records.ListTicketsAsync(ws, CancellationToken.None), t => t.TicketId)));
        Json.Of(Sorted(await cosmos.Records.ListEventsAsync(ws, CancellationToken.None), e => e.Key) .Select(e => e with { RunId = null, AttachmentIds = [] }))
            .ShouldBe(Json.Of(Sorted(await embedded.Records.ListEventsAsync(ws, CancellationToken.None), e => e.Key).Select(e => e with { RunId = null, AttachmentIds = [] })));
        Json.Of(Sorted(await cosmos.Records.ListExceptionsAsync(ws, null, CancellationToken.None), e => e.Id).Select(e => e with { RunId = null }))
            .ShouldBe(Json.Of(Sorted(await embedded.Records.ListExceptionsAsync(ws, null, CancellationToken.None), e => e.Id).Select(e => e with { RunId = null })));
        Json.Of(Sorted(await cosmos.Records.ListCommitmentsAsync(ws, CancellationToken.None), c => c.Key))
            .ShouldBe(Json.Of(Sorted(await embedded.Records.ListCommitmentsAsync(ws, CancellationToken.None), c => c.Key)));
        Json.Of(Sorted(await cosmos.Records.ListTasksAsync(ws, CancellationToken.None), t => t.Id))
            .ShouldBe(Json.Of(Sorted(await embedded.Records.ListTasksAsync(ws, CancellationToken.None), t => t.Id)));
        Json.Of(await tables.States.ListAsync(ws, CancellationToken.None)).ShouldBe(Json.Of(await embedded.States.ListAsync(ws, CancellationToken.None)));

        // Every stored attachment's bytes come back from Blob storage through the hash check.
        foreach (var attachmentId in (await cosmos.Records.ListEventsAsync(ws, CancellationToken.None)).SelectMany(e => e.AttachmentIds))
        {
            var info = await blob.FindAsync(ws, attachmentId, CancellationToken.None);
            info.ShouldNotBeNull();
            if (info.Sha256 is not null)
            {
                (await blob.ReadAsync(ws, attachmentId, CancellationToken.None))!.LongLength.ShouldBe(info.Size);
            }
        }

        // A second run over the same window duplicates nothing.
        var again = await IngestAsync(new IngestionRunner(tables.States, cosmos.Records, blob, cosmos.Archive, cosmos.Locks, Pipeline(time), time, NullLogger<IngestionRunner>.Instance));
        again.Counts.New.ShouldBe(0);
        (await cosmos.Records.ListEventsAsync(ws, CancellationToken.None)).Count.ShouldBe((await embedded.Records.ListEventsAsync(ws, CancellationToken.None)).Count);
    }

    private static MessagePipeline Pipeline(TimeProvider time) => new(new PipelineOptions(), time);

    private static Task<IngestionRun> IngestAsync(IngestionRunner runner) => runner.RunAsync(new RunRequest
    {
        Config = new WorkspaceConfigFile(Path.Combine(Demo, "workspace.json")),
        Source = new JsonLinesMessageSource(Path.Combine(Demo, "mailbox.jsonl")),
        Trigger = "Cli",
    }, CancellationToken.None);

    private static List<T> Sorted<T>(IEnumerable<T> items, Func<T, string> key) => items.OrderBy(key, StringComparer.Ordinal).ToList();
}
