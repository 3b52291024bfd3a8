using System.Globalization;
using BenchmarkDotNet.Running;

// `storage [messages]`: the store ingestion benchmark (Stopwatch; starts and stops the emulators itself).
if (args is ["storage", ..])
{
    var messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    return await OpsHelm.Benchmarks.Storage.StorageBenchmark.RunAsync(messages);
}

// `ingest-scale [sizes…]`: `opshelm ingest` (its own process) of demo-shaped mailboxes of 1k, 10k and 100k messages into fresh stores.
if (args is ["ingest-scale", ..])
{
    var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
    return await OpsHelm.Benchmarks.IngestScale.IngestScaleBenchmark.RunAsync(sizes);
}

// `webhooks [rate] [seconds]`: Graph notifications at a fixed rate against the app as its own process (open loop).
if (args is ["webhooks", ..])
{
    var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
    var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
    return await OpsHelm.Benchmarks.Webhooks.WebhookLoadBenchmark.RunAsync(rate, seconds);
}

// `durable [messages…] [--page-size N]`: activities/s of the ingestion orchestration on DurableTask.AzureStorage over Azurite
// (default 200 2000, pages of the app's default size).
if (args is ["durable", ..])
{
    var rest = args[1..].ToList();
    var pageSize = OpsHelm.Core.Ingestion.IngestionSettings.Default.PageSize;
    if (rest.IndexOf("--page-size") is var at and >= 0)
    {
        pageSize = int.Parse(rest[at + 1], CultureInfo.InvariantCulture);
        rest.RemoveRange(at, 2);
    }
    var counts = rest.Count > 0 ? rest.Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList() : [200, 2_000];
    return await OpsHelm.Benchmarks.Durable.DurableThroughputBenchmark.RunAsync(counts, pageSize);
}

// `pipeline-ratio [seconds]`: steps 4–7 against the JSON floor in alternating slices (default 30 s a set), robust to a drifting host.
if (args is ["pipeline-ratio", ..])
{
    return OpsHelm.Benchmarks.PipelineRatio.PipelineRatioBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
}

// Per-message cost = the reported mean divided by the set's line count (demo 75, samples 55); the Ratio column is pipeline/floor.
BenchmarkSwitcher.FromAssembly(typeof(OpsHelm.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
return 0;
