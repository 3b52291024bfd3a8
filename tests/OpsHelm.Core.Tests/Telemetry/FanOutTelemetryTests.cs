using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;
using OpsHelm.Core.Runs;
using OpsHelm.Core.Work;
using OpsHelm.Core.Workspaces;
using OpsHelm.Storage.Embedded;
using static OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Telemetry;

/// <summary>
/// A real fan-out over the embedded store (pull, lease, process, retry, dead-letter, finalize) under real SDK providers:
/// the spans it leaves and the metric points, compared with the run the store holds afterwards.
/// </summary>
public sealed class FanOutTelemetryTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "opshelm-core-tests", Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));
    private readonly EmbeddedStore _store;
    private readonly WorkspaceConfig _workspace = Workspace with { Id = "ws-otel-" + Guid.NewGuid().ToString("n")[..8] };
    private readonly RecordingDispatcher _announced = new();
    private readonly WorkQueueSettings _settings = new(TimeSpan.FromMinutes(1), MaxAttempts: 2, RetryDelay: TimeSpan.FromSeconds(5), StallAfter: TimeSpan.FromMinutes(2));

    public FanOutTelemetryTests()
    {
        _store = EmbeddedStore.Open(_directory, _time);
        _announced.Clock = _time;
    }

    [Fact]
    public async Task A_fan_out_leaves_pull_item_and_finalize_spans_and_metrics_that_equal_the_finished_run()
    {
        using var capture = new TelemetryCapture();
        // One message's archived copy cannot be read: its item is retried once, then dead-lettered.
        var archive = new UnreadableArchive(_store.Archive, "m-3");

        var run = await RunAsync(new PagedSource([IngestionRunnerTelemetryTests.Mail(1, 3), IngestionRunnerTelemetryTests.Mail(4, 2)]), archive);

        run.Status.ShouldBe("Succeeded");
        run.FanOut!.Pages.ShouldBe(2);
        var pull = capture.SpansNamed("opshelm.fanout.pull").ShouldHaveSingleItem();
        pull.ParentSpanId.ShouldBe(capture.Root.SpanId);
        pull.GetTagItem("opshelm.run.id").ShouldBe(run.RunId);
        pull.GetTagItem("opshelm.run.trigger").ShouldBe("Manual");
        pull.GetTagItem("opshelm.pull.pages").ShouldBe(run.FanOut.Pages);
        pull.GetTagItem("opshelm.pull.items").ShouldBe(run.FanOut.Items);
        pull.Status.ShouldBe(ActivityStatusCode.Unset);
        capture.SpansNamed("source.read").ShouldAllBe(r => r.ParentSpanId == pull.SpanId, "the source's calls nest under the pull");

        var items = capture.SpansNamed("opshelm.work_item.process");
        items.Select(i => (string)i.GetTagItem("opshelm.work_item.outcome")!).OrderBy(o => o, StringComparer.Ordinal)
            .ShouldBe(["DeadLettered", "Done", "Done", "Done", "Done", "Retried"]);
        items.Where(i => i.Status == ActivityStatusCode.Error).Select(i => (string)i.GetTagItem("opshelm.work_item.outcome")!)
            .OrderBy(o => o, StringComparer.Ordinal).ShouldBe(["DeadLettered", "Retried"]);
        items.Where(i => (string)i.GetTagItem("opshelm.work_item.outcome")! == "DeadLettered").Single().GetTagItem("opshelm.work_item.attempt").ShouldBe(2);
        var finalize = capture.SpansNamed("opshelm.run.finalize").ShouldHaveSingleItem();
        finalize.GetTagItem("opshelm.run.status").ShouldBe("Succeeded");
        finalize.GetTagItem("opshelm.run.fetched").ShouldBe(run.Counts.Fetched);

        var points = capture.Points(_workspace.Id);
        Sum(points, "opshelm.pull.pages").ShouldBe(run.FanOut.Pages);
        Sum(points, "opshelm.pull.items").ShouldBe(run.FanOut.Items);
        var processed = points.Where(p => p.Name == "opshelm.work_items.processed").ToDictionary(p => (string)p.Tag("opshelm.work_item.outcome")!, p => p.Value);
        processed.ShouldBe(new Dictionary<string, long> { ["Done"] = 4, ["Retried"] = 1, ["DeadLettered"] = 1 }, ignoreOrder: true);
        (processed["Done"] + processed["DeadLettered"]).ShouldBe(run.Counts.Fetched, "every fetched item ends Done or DeadLettered once");
        points.Where(p => p.Name == "opshelm.work_item.duration").Sum(p => p.Value).ShouldBe(6, "one duration per attempt");
        var runs = points.Where(p => p.Name == "opshelm.runs").ShouldHaveSingleItem();
        (runs.Value, runs.Tag("opshelm.run.trigger"), runs.Tag("opshelm.run.status")).ShouldBe((1L, (object?)"Manual", (object?)"Succeeded"));
        points.Where(p => p.Name == "opshelm.run.exceptions").ToDictionary(p => (string)p.Tag("opshelm.exception.reason")!, p => (int)p.Value)
            .ShouldBe(run.Counts.ExceptionsByReason.ToDictionary(), ignoreOrder: true);
        run.Counts.ExceptionsByReason.Keys.ShouldContain("ProcessingFailed");
    }

    [Fact]
    public async Task Each_enqueued_page_is_announced_at_once_and_a_retry_for_its_retry_time()
    {
        var archive = new UnreadableArchive(_store.Archive, "m-3");

        var run = await RunAsync(new PagedSource([IngestionRunnerTelemetryTests.Mail(1, 3), IngestionRunnerTelemetryTests.Mail(4, 2)]), archive);

        var pages = _announced.Calls.Where(c => c.NotBefore is null).ToList();
        pages.Select(c => c.Items.Count).ShouldBe([3, 2], "one announcement per page, after the page is enqueued");
        pages.SelectMany(c => c.Items).Select(i => i.Position).ShouldBe([1, 2, 3, 4, 5]);
        pages.SelectMany(c => c.Items).ShouldAllBe(i => i.RunId == run.RunId);
        var retry = _announced.Calls.Where(c => c.NotBefore is not null).ShouldHaveSingleItem("m-3 failed once before its last attempt");
        retry.Items.ShouldHaveSingleItem().ResultId.ShouldBe("m-3");
        retry.NotBefore!.Value.ShouldBeGreaterThan(retry.At, "announced for when the item is visible again");
    }

    [Fact]
    public async Task A_pull_that_fails_midway_marks_its_span_failed_and_its_run_counts_as_failed()
    {
        using var capture = new TelemetryCapture();

        var run = await RunAsync(new PagedSource([IngestionRunnerTelemetryTests.Mail(1, 2), IngestionRunnerTelemetryTests.Mail(3, 2)], failAfterPages: 1), _store.Archive);

        run.Status.ShouldBe("Failed");
        var pull = capture.SpansNamed("opshelm.fanout.pull").ShouldHaveSingleItem();
        pull.Status.ShouldBe(ActivityStatusCode.Error);
        pull.GetTagItem("error.type").ShouldBe(typeof(InvalidOperationException).FullName);
        capture.SpansNamed("opshelm.run.finalize").ShouldHaveSingleItem().Status.ShouldBe(ActivityStatusCode.Error);
        var points = capture.Points(_workspace.Id);
        Sum(points, "opshelm.pull.pages").ShouldBe(1, "the page enqueued before the failure");
        Sum(points, "opshelm.pull.items").ShouldBe(2);
        var runs = points.Where(p => p.Name == "opshelm.runs").ShouldHaveSingleItem();
        runs.Tag("opshelm.run.status").ShouldBe("Failed");
    }

    /// <summary>Pulls, then works the queue as the workers do (lease, process, finalize; the clock moved past retry waits) until the run is finished.</summary>
    private async Task<IngestionRun> RunAsync(IMessageSource source, IMessageArchive processingArchive)
    {
        var processor = new MessageProcessor(_store.Records, _store.Attachments, _store.Archive, new MessagePipeline(new PipelineOptions(), _time), _time, NullLogger.Instance);
        var pull = new FanOutPull(_store.States, _store.Records, _store.WorkQueue, _store.Archive, processor, _store.Locks, _announced, _time, NullLogger<FanOutPull>.Instance);
        var items = new WorkItemProcessor(_store.WorkQueue, processingArchive, processor, _announced, _settings, _time, NullLogger<WorkItemProcessor>.Instance);
        var finalizer = new RunFinalizer(_store.Records, _store.States, _store.WorkQueue, _store.PushInbox, new TicketSweep(_store.Records, _time), _time,
            NullLogger<RunFinalizer>.Instance);
        var profile = new WorkspaceProfile(_workspace);

        var run = await pull.StartAsync(new FanOutRequest { Config = _workspace, Source = source, Trigger = "Manual" }, CancellationToken.None);
        for (var pass = 0; pass < 5; pass++)
        {
            foreach (var item in await _store.WorkQueue.LeaseAsync(_workspace.Id, 50, _settings.LeaseDuration, CancellationToken.None))
            {
                await items.ProcessAsync(item, profile, CancellationToken.None);
            }
            if (await finalizer.TryFinalizeAsync(profile, run.RunId, CancellationToken.None) is { } finished)
            {
                return finished;
            }
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        throw new TimeoutException("the run was not finalized in five passes");
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Keeps what was announced, and when.</summary>
    private sealed class RecordingDispatcher : IWorkDispatcher
    {
        public List<(IReadOnlyList<WorkItem> Items, DateTimeOffset? NotBefore, DateTimeOffset At)> Calls { get; } = [];

        public TimeProvider Clock { get; set; } = TimeProvider.System;

        public Task ItemsReadyAsync(IReadOnlyList<WorkItem> items, DateTimeOffset? notBefore, CancellationToken cancellationToken)
        {
            Calls.Add((items, notBefore, Clock.GetUtcNow()));
            return Task.CompletedTask;
        }
    }

    /// <summary>The real archive, except that one message's copy cannot be read back (a store fault, to drive retries and the dead letter).</summary>
    private sealed class UnreadableArchive(IMessageArchive inner, string providerMessageId) : IMessageArchive
    {
        public Task SaveAsync(string workspaceId, string eventKey, InboundMessage message, CancellationToken cancellationToken) =>
            inner.SaveAsync(workspaceId, eventKey, message, cancellationToken);

        public async Task<InboundMessage?> FindAsync(string workspaceId, string eventKey, CancellationToken cancellationToken)
        {
            var message = await inner.FindAsync(workspaceId, eventKey, cancellationToken);
            return message?.ProviderMessageId == providerMessageId ? throw new IOException("the archived copy is unreadable") : message;
        }
    }

    private static long Sum(IEnumerable<MetricPointCopy> points, string name) => points.Where(p => p.Name == name).Sum(p => p.Value);
}
