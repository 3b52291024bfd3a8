using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Connectors.Configuration;
using OpsHelm.Connectors.Replay;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;
using OpsHelm.Storage.Embedded;
using OpsHelm.Storage.Tests.Emulators;

namespace OpsHelm.Benchmarks.Storage;

/// <summary>
/// Ingestion throughput per store, timed with a Stopwatch (one run each: store I/O, not CPU, is measured): the demo mailbox
/// repeated to N messages with unique ids, run through the real runner into SQLite + folder and into the Cosmos DB and
/// Azurite emulators (started on free loopback ports and stopped afterwards). Reports messages/s for each, and for Cosmos the
/// request units charged (the sum of every response's RequestCharge) and requests per message.
/// </summary>
internal static class StorageBenchmark
{
    public static async Task<int> RunAsync(int messages)
    {
        var root = RepositoryRoot();
        var workDir = Path.Combine(Path.GetTempPath(), "opshelm-storage-bench-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(workDir);
        try
        {
            var source = Path.Combine(workDir, "mailbox.jsonl");
            WriteMailbox(Path.Combine(root, "demo", "mailbox.jsonl"), source, messages);
            var config = new WorkspaceConfigFile(Path.Combine(root, "demo", "workspace.json"));
            var time = TimeProvider.System;

            using (var embedded = EmbeddedStore.Open(Path.Combine(workDir, "embedded"), time))
            {
                var (run, elapsed) = await IngestAsync(embedded.States, embedded.Records, embedded.Attachments, embedded.Archive, embedded.Locks, config, source, time);
                Report("SQLite + folder", run, elapsed, null);
            }

            var emulators = Path.Combine(root, "tests", "emulators");
            using var cosmosProcess = await EmulatorProcess.StartAsync(emulators, "cosmos", TimeSpan.FromSeconds(60));
            using var azuriteProcess = await EmulatorProcess.StartAsync(emulators, "azurite", TimeSpan.FromSeconds(60));
            using var tablesProcess = await EmulatorProcess.StartAsync(emulators, "azurite-table", TimeSpan.FromSeconds(60), EmulatorProcess.FreePort());
            await using var cosmos = await CosmosStore.ConnectAsync(new CosmosStoreOptions
            {
                Endpoint = cosmosProcess.Endpoint,
                Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
                CreateContainersAtStartup = true,
                LimitToEndpoint = true,
                LocalEmulator = true,
                ServerSideOrderBy = false,
            }, time, CancellationToken.None);
            using var blob = await BlobAttachmentStore.OpenAsync(new BlobStoreOptions
            {
                Endpoint = new Uri(azuriteProcess.Endpoint, "/devstoreaccount1"),
                AccountName = "devstoreaccount1",
                AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
                CreateContainerAtStartup = true,
            }, time, null, CancellationToken.None);
            var tables = await TableStore.ConnectAsync(new TableStoreOptions
            {
                ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                    "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                    $"TableEndpoint={new Uri(tablesProcess.Endpoint, "/devstoreaccount1").AbsoluteUri};",
                CreateTablesAtStartup = true,
            }, null, CancellationToken.None);
            var before = (cosmos.Charges.RequestUnits, cosmos.Charges.Requests);
            var (azureRun, azureElapsed) = await IngestAsync(tables.States, cosmos.Records, blob, cosmos.Archive, cosmos.Locks, config, source, time);
            Report("Cosmos DB emulator + Azurite (Blob, Table)", azureRun, azureElapsed,
                (cosmos.Charges.RequestUnits - before.RequestUnits, cosmos.Charges.Requests - before.Requests, blob.RequestsSent));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static async Task<(IngestionRun Run, TimeSpan Elapsed)> IngestAsync(
        IProcessingStateStore states, IRecordStore records, IAttachmentStore attachments, IMessageArchive archive, IWorkspaceLock locks,
        WorkspaceConfigFile config, string source, TimeProvider time)
    {
        var runner = new IngestionRunner(states, records, attachments, archive, locks, new MessagePipeline(new PipelineOptions(), time), time, NullLogger<IngestionRunner>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var run = await runner.RunAsync(new RunRequest { Config = config, Source = new JsonLinesMessageSource(source), Trigger = "Backfill" }, CancellationToken.None);
        return (run, stopwatch.Elapsed);
    }

    private static void Report(string store, IngestionRun run, TimeSpan elapsed, (double RequestUnits, long Requests, int BlobRequests)? cosmos)
    {
        var fetched = run.Counts.Fetched;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{store,-30} {fetched,6} messages ({run.Counts.New} new, status {run.Status}) in {elapsed.TotalSeconds,7:0.00} s = {fetched / elapsed.TotalSeconds,8:0} messages/s"));
        if (cosmos is { } c)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-30} Cosmos: {c.RequestUnits:0.##} RU charged = {c.RequestUnits / fetched:0.###} RU/message; {c.Requests} requests = {(double)c.Requests / fetched:0.##} requests/message; Blob: {c.BlobRequests} requests"));
        }
    }

    // The demo's lines over and over, each message given a unique provider id (and Message-ID) per repetition.
    private static void WriteMailbox(string demo, string target, int messages)
    {
        var lines = File.ReadAllLines(demo).Where(l => l.Length > 0).ToArray();
        using var writer = new StreamWriter(target);
        for (var i = 0; i < messages; i++)
        {
            var line = lines[i % lines.Length];
            var round = i / lines.Length;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (System.Text.Json.JsonException)
            {
                writer.WriteLine(line);
                continue;
            }
            if (node?["message"] is JsonObject message && message["id"] is JsonValue id)
            {
                message["id"] = $"{id.GetValue<string>()}-r{round}";
                if (message["internetMessageId"] is JsonValue internetId)
                {
                    message["internetMessageId"] = $"{internetId.GetValue<string>().TrimEnd('>')}.r{round}>";
                }
            }
            writer.WriteLine(node?.ToJsonString() ?? line);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsHelm.Functions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("run the benchmark from inside the OpsHelm repository");
    }
}
