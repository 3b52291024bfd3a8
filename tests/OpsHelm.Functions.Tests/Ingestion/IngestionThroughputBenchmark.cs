using System.Diagnostics;
using Microsoft.DurableTask.Client;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Tests.Ingestion;
using Xunit.Abstractions;

namespace OpsHelm.Functions.Tests.Ingestion;

/// <summary>
/// How fast the orchestration runs on the in-process Durable runtime over the embedded store: a benchmark that reports
/// activities/s and messages/s (run with <c>--logger "console;verbosity=detailed"</c>); it asserts only that every message
/// was recorded once, never a time.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class IngestionThroughputBenchmark(ITestOutputHelper output)
{
    [Theory]
    [InlineData(200)]
    [InlineData(2000)]
    // The stock host (ProcessorCount work items, 500 ms polls) measured this way: 200 messages, 207 activities in 54 s, 4/s.
    public async Task Every_message_of_a_large_pull_is_recorded_once_and_the_rate_is_reported(int messages, bool unthrottled = true)
    {
        await using var harness = new IngestionHarness(IngestionSettings.Default with { FirstRetryInterval = TimeSpan.FromMilliseconds(10) });
        harness.AddPages(pages: messages / 50, perPage: 50);
        await using var host = await DurableIngestionHost.StartAsync(harness, unthrottled);
        var clock = Stopwatch.StartNew();

        await host.StartAsync(IngestionRequest.For(harness.WorkspaceId, "Push", null, harness.Settings));
        var done = await host.CompletionAsync(TimeSpan.FromMinutes(10));

        clock.Stop();
        var activities = host.Activities;
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        var run = (await harness.Store.Records.ListRunsAsync(harness.WorkspaceId, 10, CancellationToken.None)).ShouldHaveSingleItem();
        run.Counts.New.ShouldBe(messages);
        (await harness.Store.Records.ListEventsAsync(harness.WorkspaceId, CancellationToken.None)).Count.ShouldBe(messages);
        output.WriteLine($"{(unthrottled ? "unthrottled" : "stock")} host, {messages} messages, page size {harness.Settings.PageSize}: {activities} activities in {clock.Elapsed.TotalSeconds:F1} s = " +
            $"{activities / clock.Elapsed.TotalSeconds:F0} activities/s, {messages / clock.Elapsed.TotalSeconds:F0} messages/s");
    }
}
