using System.Globalization;
using OpsHelm.DurableWorker;
using OpsHelm.DurableWorker.Harness;

namespace OpsHelm.Benchmarks.Durable;

/// <summary>
/// Activities per second of the ingestion orchestration on DurableTask.AzureStorage over Azurite (the kill test's
/// worker process and timings, no kills): one run per message count, each on its own task hub and store; the rate is
/// taken from the run's own start and end as FinalizeRun recorded them.
/// </summary>
public static class DurableThroughputBenchmark
{
    /// <summary>Runs <paramref name="messageCounts"/> in order with <paramref name="pageSize"/> messages per page; prints one line each and a 10,000-message estimate.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<int> messageCounts, int pageSize)
    {
        using var azurite = await DurableAzurite.StartAsync(TimeSpan.FromSeconds(60));
        var timings = WorkerSettings.KillTestTimings;
        Console.WriteLine($"DurableTask.AzureStorage on Azurite, {pageSize} messages per page, {timings.MaxConcurrentActivities} activities at once, {Environment.ProcessorCount} cores");
        double? slowest = null;
        foreach (var messages in messageCounts)
        {
            await using var run = IngestionRunDriver.Create(azurite.ConnectionString, messages, pageSize, timings,
                taskHub: "Bench" + messages.ToString(CultureInfo.InvariantCulture));
            run.StartWorker(startRun: true);
            var instance = await run.WaitForEndAsync(TimeSpan.FromMinutes(20));
            var finalized = (await run.Store.Records.ListRunsAsync(run.Settings.WorkspaceId, 1, CancellationToken.None)).Single();
            var seconds = finalized.DurationMs / 1000.0;
            var pages = (messages + pageSize - 1) / pageSize;
            // PullPage and CommitCheckpoints per page, ProcessMessage per message, FinalizeRun once.
            var activities = messages + 2 * pages + 1;
            var perMessage = messages / seconds;
            slowest = Math.Min(slowest ?? double.MaxValue, perMessage);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{messages,6} messages, {pages,4} pages: {instance.RuntimeStatus}, {finalized.Counts.New} recorded, {seconds,7:F1} s, "
                + $"{perMessage,6:F1} ProcessMessage activities/s, {activities / seconds,6:F1} activities/s in all"));
            if (instance.RuntimeStatus != Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed || finalized.Counts.New != messages)
            {
                Console.Error.WriteLine(run.Worker?.Output);
                return 1;
            }
        }
        if (slowest is { } rate)
        {
            var backfill = 10_000 / rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"a 10,000-message backfill at the slowest rate above: {backfill:F0} s ({(backfill > 300 ? "over" : "within")} 5 minutes)"));
        }
        return 0;
    }
}
