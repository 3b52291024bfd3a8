using Microsoft.DurableTask;
using Moq;
using OpsHelm.Core.Ingestion;
using OpsHelm.Core.Ports;
using OpsHelm.Functions.Ingestion;

namespace OpsHelm.Functions.Tests.Ingestion;

// The Durable analyzer reads the activity classes' CancellationToken-taking RunAsync as returning their input type; the
// orchestrator itself (where the calls are real) passes it, and the real-runtime tests show the types round-trip.
#pragma warning disable DURABLE2001, DURABLE2002

/// <summary>The orchestrator's decisions over a mocked <see cref="TaskOrchestrationContext"/>, as Microsoft's Durable guidance shows (beside the real-runtime tests).</summary>
public sealed class IngestionOrchestratorTests
{
    private static readonly PageItem First = new(1, "m-1", "key-1");
    private static readonly PageItem Second = new(2, "m-2", "key-2");
    private static readonly StreamCheckpoint PageOne = new("dana@harborlightit.com", "inbox", "page-1", "m-2");
    private static readonly ItemSummary Recorded = new(ItemDisposition.New, OpsHelm.Core.Records.Category.Other);
    private static readonly ItemSummary Failed = new(ItemDisposition.New, OpsHelm.Core.Records.Category.Other, [OpsHelm.Core.Records.ExceptionReason.ProcessingFailed]);

    private readonly Mock<TaskOrchestrationContext> _context = new();
    private readonly TaskCompletionSource<NoticeSignal> _notice = new();
    private object? _continuedWith;

    public IngestionOrchestratorTests()
    {
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc));
        _context.Setup(c => c.NewGuid()).Returns(Guid.Parse("0000000000000000000000000000abcd"));
        _context.Setup(c => c.WaitForExternalEvent<NoticeSignal>(IngestionOrchestrator.NoticeEvent, It.IsAny<CancellationToken>())).Returns(_notice.Task);
        _context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>())).Callback<object?, bool>((input, _) => _continuedWith = input);
        _context.Setup(c => c.CallActivityAsync<ItemSummary>(nameof(ProcessMessage), It.Is<ProcessMessageRequest>(r => r.Item == First), It.IsAny<TaskOptions>()))
            .ReturnsAsync(Recorded);
        _context.Setup(c => c.CallActivityAsync<ItemSummary>(nameof(ProcessMessage), It.Is<ProcessMessageRequest>(r => r.Item == Second), It.IsAny<TaskOptions>()))
            .ThrowsAsync(new TaskFailedException(nameof(ProcessMessage), 7, new TaskFailureDetails("IOException", "the archive could not be read", null, null, null)));
        _context.Setup(c => c.CallActivityAsync<ItemSummary>(nameof(RecordProcessingFailure), It.IsAny<RecordProcessingFailureRequest>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync(Failed);
        _context.Setup(c => c.CallActivityAsync<int>(nameof(CommitCheckpoints), It.IsAny<CommitCheckpointsRequest>(), It.IsAny<TaskOptions>())).ReturnsAsync(1);
        _context.Setup(c => c.CallActivityAsync<RunSummary>(nameof(FinalizeRun), It.IsAny<FinalizeRunRequest>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync((Microsoft.DurableTask.TaskName _, object? request, TaskOptions? _) => new RunSummary(((FinalizeRunRequest)request!).RunId, "Succeeded", 2, 2, 1, 100));
    }

    [Fact]
    public async Task A_page_with_more_to_read_is_processed_committed_and_continued_as_new_with_its_cursor_and_counts()
    {
        SetupPage(exhausted: false);

        var result = await IngestionOrchestrator.RunAsync(_context.Object, Request(), IngestionOrchestrator.Retry);

        result.ShouldBeNull();
        _context.Verify(c => c.CallActivityAsync<ItemSummary>(nameof(RecordProcessingFailure),
            It.Is<RecordProcessingFailureRequest>(r => r.Item == Second && r.Error == "IOException: the archive could not be read"), It.IsAny<TaskOptions>()), Times.Once);
        _context.Verify(c => c.CallActivityAsync<int>(nameof(CommitCheckpoints), It.Is<CommitCheckpointsRequest>(r => r.Checkpoints.Single() == PageOne), It.IsAny<TaskOptions>()), Times.Once);
        _context.Verify(c => c.CallActivityAsync<RunSummary>(nameof(FinalizeRun), It.IsAny<object?>(), It.IsAny<TaskOptions>()), Times.Never);
        var next = _continuedWith.ShouldBeOfType<IngestionRequest>();
        next.Run!.RunId.ShouldBe("run-1");
        next.Run.Pages.ShouldBe(1);
        next.Run.Items.ShouldBe(2);
        next.Run.Cursor.ShouldBe([PageOne]);
        next.Run.Counts.New.ShouldBe(2);
        next.Run.Counts.ExceptionsByReason["ProcessingFailed"].ShouldBe(1);
    }

    [Fact]
    public async Task The_last_page_finalizes_the_run_and_without_a_notice_nothing_follows()
    {
        SetupPage(exhausted: true);

        var result = await IngestionOrchestrator.RunAsync(_context.Object, Request(), IngestionOrchestrator.Retry);

        result.ShouldNotBeNull().RunId.ShouldBe("run-1");
        _context.Verify(c => c.CallActivityAsync<RunSummary>(nameof(FinalizeRun),
            It.Is<FinalizeRunRequest>(r => r.RunId == "run-1" && r.Error == null && r.Counts.Fetched == 2 && r.CheckpointWritten), It.IsAny<TaskOptions>()), Times.Once);
        _context.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()), Times.Never);
    }

    [Fact]
    public async Task A_notice_during_the_last_page_continues_as_new_with_a_fresh_push_run()
    {
        SetupPage(exhausted: true);
        _notice.SetResult(new NoticeSignal("Push"));

        await IngestionOrchestrator.RunAsync(_context.Object, Request(), IngestionOrchestrator.Retry);

        var next = _continuedWith.ShouldBeOfType<IngestionRequest>();
        next.Run.ShouldBeNull();
        next.Trigger.ShouldBe("Push");
        next.WorkspaceId.ShouldBe("ws-1");
    }

    [Fact]
    public async Task A_pull_that_fails_every_attempt_finalizes_the_run_as_failed_without_committing()
    {
        _context.Setup(c => c.CallActivityAsync<PulledPage>(nameof(PullPage), It.IsAny<PullPageRequest>(), It.IsAny<TaskOptions>()))
            .ThrowsAsync(new TaskFailedException(nameof(PullPage), 1, new TaskFailureDetails("GraphSourceException", "503", null, null, null)));

        await IngestionOrchestrator.RunAsync(_context.Object, Request(), IngestionOrchestrator.Retry);

        _context.Verify(c => c.CallActivityAsync<int>(nameof(CommitCheckpoints), It.IsAny<object?>(), It.IsAny<TaskOptions>()), Times.Never);
        _context.Verify(c => c.CallActivityAsync<RunSummary>(nameof(FinalizeRun),
            It.Is<FinalizeRunRequest>(r => r.Error == "GraphSourceException: 503"), It.IsAny<TaskOptions>()), Times.Once);
    }

    [Fact]
    public async Task The_function_reads_its_input_and_retries_every_activity_with_the_static_policy()
    {
        SetupPage(exhausted: true);
        _context.Setup(c => c.GetInput<IngestionRequest>()).Returns(Request());

        await IngestionOrchestrator.RunAsync(_context.Object);

        _context.Verify(c => c.CallActivityAsync<PulledPage>(nameof(PullPage), It.Is<PullPageRequest>(r => r.RunId == "run-1" && r.Position == 0),
            It.Is<TaskOptions>(o => o.Retry!.Policy == IngestionOrchestrator.Retry)), Times.Once);
        IngestionOrchestrator.Retry.MaxNumberOfAttempts.ShouldBe(5);
        IngestionOrchestrator.Retry.FirstRetryInterval.ShouldBe(TimeSpan.FromSeconds(5));
    }

    private static IngestionRequest Request() => new() { WorkspaceId = "ws-1", Trigger = "Push", RunId = "run-1" };

    private void SetupPage(bool exhausted) =>
        _context.Setup(c => c.CallActivityAsync<PulledPage>(nameof(PullPage), It.IsAny<PullPageRequest>(), It.IsAny<TaskOptions>()))
            .ReturnsAsync(new PulledPage([First, Second], [PageOne], exhausted, ["push-1"]));
}
